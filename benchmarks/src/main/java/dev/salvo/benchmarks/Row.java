package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One row of the table: one mode in one scenario, with a measurement per repetition.
 * Spreads are in milliseconds, throughput in requests per second.
 */
final class Row {

    /** What the row measures. */
    enum Kind {
        /** Server-side arrival spread, last minus first, in ms: lower is better. */
        SPREAD,
        /** Requests per second, from the call to the last answer: higher is better. */
        THROUGHPUT
    }

    /**
     * A goal for a scenario.
     *
     * @param kind spread (an upper bound) or throughput (a lower bound)
     * @param limit in ms for a spread, in requests per second for throughput
     */
    record Target(Kind kind, double limit) {
        boolean metBy(double median) {
            return kind == Kind.SPREAD ? median <= limit : median >= limit;
        }

        @Override
        public String toString() {
            return kind == Kind.SPREAD ? "≤ " + Report.number(limit) + " ms" : "≥ " + Report.number(limit) + " req/s";
        }
    }

    private final String scenario;
    private final String mode;
    private final Kind kind;
    private final boolean baseline;
    private final Optional<Target> target;
    private final List<Double> values = new ArrayList<>();
    private final List<Double> releaseSpreads = new ArrayList<>();
    private final List<Double> sendSpreads = new ArrayList<>();
    private final List<Double> releaseSteps = new ArrayList<>();
    private int runs;
    private int complete;

    Row(String scenario, String mode, Kind kind, boolean baseline, Optional<Target> target) {
        this.scenario = scenario;
        this.mode = mode;
        this.kind = kind;
        this.baseline = baseline;
        this.target = target;
    }

    /**
     * Adds one repetition.
     *
     * @param value the spread in ms or the throughput in req/s; empty if it could not be measured
     * @param outcome what the client saw
     * @param complete whether every request arrived at the server and was answered with {@code 200}
     */
    void add(Optional<Double> value, Contender.Outcome outcome, boolean complete) {
        runs++;
        if (complete) {
            this.complete++;
        }
        value.ifPresent(values::add);
        outcome.releaseSpread().ifPresent(d -> releaseSpreads.add(d.toNanos() / 1e6));
        outcome.sendSpread().ifPresent(d -> sendSpreads.add(d.toNanos() / 1e6));
        outcome.releaseStep().ifPresent(d -> releaseSteps.add(d.toNanos() / 1e3));
    }

    String scenario() {
        return scenario;
    }

    String mode() {
        return mode;
    }

    Kind kind() {
        return kind;
    }

    boolean isBaseline() {
        return baseline;
    }

    Optional<Target> target() {
        return target;
    }

    /** @return repetitions measured */
    int runs() {
        return runs;
    }

    /** @return repetitions in which every request arrived and was answered */
    int completeRuns() {
        return complete;
    }

    Optional<Stats> stats() {
        return values.isEmpty() ? Optional.empty() : Optional.of(Stats.of(values));
    }

    Optional<Stats> releaseSpread() {
        return releaseSpreads.isEmpty() ? Optional.empty() : Optional.of(Stats.of(releaseSpreads));
    }

    Optional<Stats> sendSpread() {
        return sendSpreads.isEmpty() ? Optional.empty() : Optional.of(Stats.of(sendSpreads));
    }

    /** @return the median release step, in microseconds */
    Optional<Stats> releaseStep() {
        return releaseSteps.isEmpty() ? Optional.empty() : Optional.of(Stats.of(releaseSteps));
    }

    /** @return "yes", "no", "no (requests lost)" or "—" when the row has no target */
    String verdict() {
        if (target.isEmpty()) {
            return "—";
        }
        if (complete < runs) {
            return "no (requests lost)";
        }
        return stats().map(s -> target.get().metBy(s.median()) ? "yes" : "no").orElse("no (not measured)");
    }

    String format(double value) {
        return kind == Kind.SPREAD
                ? String.format(Locale.ROOT, "%.3f ms", value)
                : Report.number(Math.round(value)) + " req/s";
    }
}
