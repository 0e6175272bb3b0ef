package dev.salvo.benchmarks;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's result: the machine it ran on and one {@link Row} per scenario and mode. */
final class Report {

    private final List<String> facts = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    Report(List<String> facts) {
        this.facts.addAll(facts);
    }

    void addFact(String fact) {
        facts.add(fact);
    }

    Row add(Row row) {
        rows.add(row);
        return row;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** @return whether every repetition of every row got every request to the server and every answer back */
    boolean allComplete() {
        return rows.stream().allMatch(r -> r.completeRuns() == r.runs());
    }

    /** @return the facts and the table, in Markdown */
    String toMarkdown() {
        StringBuilder text = new StringBuilder();
        for (String fact : facts) {
            text.append("- ").append(fact).append('\n');
        }
        text.append('\n')
                .append("| scenario | mode | median | min | max | client release spread | client send spread"
                        + " | release step | vs baseline | complete | target | met |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Row row : rows) {
            Optional<Stats> stats = row.stats();
            text.append("| ").append(row.scenario())
                    .append(" | ").append(row.mode())
                    .append(" | ").append(stats.map(s -> row.format(s.median())).orElse("—"))
                    .append(" | ").append(stats.map(s -> row.format(s.min())).orElse("—"))
                    .append(" | ").append(stats.map(s -> row.format(s.max())).orElse("—"))
                    .append(" | ").append(millis(row.releaseSpread()))
                    .append(" | ").append(millis(row.sendSpread()))
                    .append(" | ").append(row.releaseStep().map(s -> String.format(Locale.ROOT, "%.1f µs", s.median())).orElse("—"))
                    .append(" | ").append(versusBaseline(row))
                    .append(" | ").append(row.completeRuns()).append('/').append(row.runs())
                    .append(" | ").append(row.target().map(Row.Target::toString).orElse("—"))
                    .append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        text.append('\n')
                .append("median, min, max: over the measured repetitions; a spread is the server's last arrival minus"
                        + " its first, in one burst (lower is better); throughput is requests per second from the call"
                        + " to the last answer (higher is better).\n")
                .append("client release / send spread: medians, as the client itself saw them (Salvo:"
                        + " Responses.releaseSpread() and sendSpread(); baseline: threads leaving the barrier;"
                        + " reference: first to last write call).\n")
                .append("release step: median gap between one request's release and the next, the steady cost of the"
                        + " release loop per request without its stalls (reference: write loop time per request).\n")
                .append("vs baseline: this row's median divided by the baseline's in the same scenario."
                        + " complete: repetitions in which every request reached the server and got its 200.\n");
        return text.toString();
    }

    private String versusBaseline(Row row) {
        if (row.isBaseline()) {
            return "1";
        }
        Optional<Stats> base = rows.stream()
                .filter(r -> r.isBaseline() && r.scenario().equals(row.scenario()))
                .findFirst()
                .flatMap(Row::stats);
        Optional<Stats> own = row.stats();
        if (base.isEmpty() || own.isEmpty() || base.get().median() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", own.get().median() / base.get().median());
    }

    private static String millis(Optional<Stats> stats) {
        return stats.map(s -> String.format(Locale.ROOT, "%.3f ms", s.median())).orElse("—");
    }

    /** @return a number with thin grouping, e.g. "15 000" or "0.3" */
    static String number(double value) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        return new DecimalFormat("#,##0.###", symbols).format(value);
    }
}
