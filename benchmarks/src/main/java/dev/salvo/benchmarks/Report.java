package dev.salvo.benchmarks;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benchmark's result: the machine it ran on, one {@link Row} per scenario and mode, and the
 * natural race's catch rates.
 */
final class Report {

    private final List<String> facts = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<RaceTable> races = new ArrayList<>();

    /** One race on one server: every contender's rounds. */
    private record RaceTable(RaceScenario.Race race, String server, int size, int threads, List<RaceScenario.Result> results) {}

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

    void addRace(RaceScenario.Race race, String server, List<RaceScenario.Result> results, int size, int threads) {
        races.add(new RaceTable(race, server, size, threads, List.copyOf(results)));
    }

    /** @return every race result, table after table */
    List<RaceScenario.Result> race() {
        return races.stream().flatMap(table -> table.results().stream()).toList();
    }

    /** @return whether every repetition of every row, and every race round, got every request to the server and every answer back */
    boolean allComplete() {
        return rows.stream().allMatch(r -> r.completeRuns() == r.runs())
                && race().stream().allMatch(r -> r.complete() == r.rounds());
    }

    /** @return the facts and the tables, in Markdown */
    String toMarkdown() {
        StringBuilder text = new StringBuilder();
        for (String fact : facts) {
            text.append("- ").append(fact).append('\n');
        }
        text.append('\n')
                .append("| scenario | mode | median | min | max | vs floor | connections | reads (max per conn.)"
                        + " | 1 read per conn. | sent ahead | client send spread | release step | vs baseline"
                        + " | complete | target | met |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Row row : rows) {
            Optional<Stats> stats = row.stats();
            text.append("| ").append(row.scenario())
                    .append(" | ").append(row.mode())
                    .append(" | ").append(stats.map(s -> row.format(s.median())).orElse("—"))
                    .append(" | ").append(stats.map(s -> row.format(s.min())).orElse("—"))
                    .append(" | ").append(stats.map(s -> row.format(s.max())).orElse("—"))
                    .append(" | ").append(row.floorRatio().map(s -> String.format(Locale.ROOT, "%.2f×", s.median())).orElse("—"))
                    .append(" | ").append(count(row.connections()))
                    .append(" | ").append(row.reads().map(s -> number(s.median()) + " (" + count(row.maxReadsPerConnection()) + ")")
                            .orElse("—"))
                    .append(" | ").append(row.hasServerSide() ? row.oneReadRuns() + "/" + row.runs() : "—")
                    .append(" | ").append(count(row.writtenAhead()))
                    .append(" | ").append(millis(row.sendSpread()))
                    .append(" | ").append(row.releaseStep().map(s -> String.format(Locale.ROOT, "%.1f µs", s.median())).orElse("—"))
                    .append(" | ").append(versusBaseline(row))
                    .append(" | ").append(row.completeRuns()).append('/').append(row.runs())
                    .append(" | ").append(row.targets().isEmpty() ? "—"
                            : row.targets().stream().map(Row.Target::toString).collect(Collectors.joining("; ")))
                    .append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        text.append('\n')
                .append("median, min, max: over the measured repetitions; a spread is the server's last request complete"
                        + " minus its first, in one burst (lower is better); throughput is requests per second from the call"
                        + " to the last answer (higher is better).\n")
                .append("vs floor: median over the rounds of this row's spread divided by the floor's spread in the same"
                        + " round (the raw-socket row of the same protocol).\n")
                .append("connections, reads, sent ahead: medians over the repetitions, as the server saw them: distinct"
                        + " connections that carried a request of the burst; distinct read calls that completed a request"
                        + " (in parentheses, the most on one connection); requests whose first bytes were read before any"
                        + " request of the burst was complete. 1 read per conn.: repetitions in which every connection's"
                        + " requests were completed by a single read.\n")
                .append("client send spread: median, as the client saw it (Salvo: Responses.sendSpread(); floors: first to"
                        + " last write call). release step: median gap between one request's release and the next (floor:"
                        + " write loop time per request).\n")
                .append("vs baseline: this row's median divided by the baseline's in the same scenario."
                        + " complete: repetitions in which every request reached the server and got its 200.\n");
        for (RaceTable table : races) {
            text.append('\n')
                    .append("Natural race, ").append(table.race().title).append(", on ").append(table.server()).append(": ")
                    .append(table.size()).append(" simultaneous ").append(table.race().requests).append(" per round, ")
                    .append(table.threads()).append(" handler threads and database connections, no pause.\n\n")
                    .append("| contender | rounds | caught | catch rate | rounds for 95 % | ").append(table.race().effect)
                    .append(" when caught (median, max) | handler spread (median) | hold (median, max) | all arrived | complete |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            boolean lost = table.race().deposits();
            for (RaceScenario.Result result : table.results()) {
                List<Double> whenCaught = result.winners().stream().filter(w -> lost ? w > 0 : w > 1).map(Integer::doubleValue)
                        .collect(Collectors.toList());
                text.append("| ").append(result.mode())
                        .append(" | ").append(result.rounds())
                        .append(" | ").append(result.caught())
                        .append(" | ").append(RaceScenario.percent(result.catchRate()))
                        .append(" | ").append(result.roundsFor95Percent().map(Report::number).orElse("never caught"))
                        .append(" | ").append(whenCaught.isEmpty() ? "—"
                                : number(Stats.of(whenCaught).median()) + ", " + number(Stats.of(whenCaught).max()))
                        .append(" | ").append(millis(result.handlerSpread()))
                        .append(" | ").append(result.hold().map(h -> String.format(Locale.ROOT, "%.2f ms, %.2f ms", h.median(), h.max()))
                                .orElse("—"))
                        .append(" | ").append(result.hold().isPresent() ? result.allArrived() + "/" + result.rounds() : "—")
                        .append(" | ").append(result.complete()).append('/').append(result.rounds())
                        .append(" |\n");
            }
        }
        if (!races.isEmpty()) {
            text.append('\n')
                    .append("caught: rounds in which more than one claim won, or the balance was short of one deposit per"
                            + " request (the server counted); for a fix, a caught round is a failed one. rounds for 95 %: ceil(log(0.05) / log(1 - catch rate)), the"
                            + " rounds a test needs to catch this race at least once in 95 % of runs. handler spread: last"
                            + " handler start minus first, per round. complete: rounds in which every request reached the"
                            + " handler and the client saw every 200. holdWrites: the write gate held each request at its"
                            + " first write until all had read (see docs/write-gate.md). hold: from the first write held to"
                            + " the gate's opening, per round; all arrived: rounds in which it opened because every request"
                            + " had arrived, not by its 250 ms bound.\n");
        }
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

    private static String count(Optional<Stats> stats) {
        return stats.map(s -> number(s.median())).orElse("—");
    }

    /** @return a number with thin grouping, e.g. "15 000" or "0.3" */
    static String number(double value) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        return new DecimalFormat("#,##0.###", symbols).format(value);
    }
}
