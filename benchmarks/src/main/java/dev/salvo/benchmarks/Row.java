package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One row of the table: one mode in one scenario, with a measurement per repetition.
 * Spreads are in milliseconds, throughput in requests per second.
 */
final class Row {

    /** What the row measures. */
    enum Kind {
        /** Server-side spread, last request complete minus first, in ms: lower is better. */
        SPREAD,
        /** Requests per second, from the call to the last answer: higher is better. */
        THROUGHPUT
    }

    /** What a target bounds. */
    enum Bound {
        /** The median spread, in ms, at most. */
        SPREAD_MILLIS,
        /** The median of the per-round ratios to the floor of the same round, at most. */
        FLOOR_RATIO,
        /** The median throughput, in requests per second, at least. */
        THROUGHPUT,
        /** The share of repetitions whose ends came in one read per connection, at least. */
        ONE_READ_SHARE
    }

    /**
     * A goal for a scenario.
     *
     * @param bound what it bounds
     * @param limit the bound
     */
    record Target(Bound bound, double limit) {

        Optional<Boolean> metBy(Row row) {
            return switch (bound) {
                case SPREAD_MILLIS -> row.stats().map(s -> s.median() <= limit);
                case FLOOR_RATIO -> row.floorRatio().map(s -> s.median() <= limit);
                case THROUGHPUT -> row.stats().map(s -> s.median() >= limit);
                case ONE_READ_SHARE -> row.runs() == 0 ? Optional.empty()
                        : Optional.of((double) row.oneReadRuns() / row.runs() >= limit);
            };
        }

        @Override
        public String toString() {
            return switch (bound) {
                case SPREAD_MILLIS -> "≤ " + Report.number(limit) + " ms";
                case FLOOR_RATIO -> "≤ " + Report.number(limit) + "× floor";
                case THROUGHPUT -> "≥ " + Report.number(limit) + " req/s";
                case ONE_READ_SHARE -> "1 read/conn. in ≥ " + Report.number(limit * 100) + " %";
            };
        }
    }

    private final String scenario;
    private final String mode;
    private final Kind kind;
    private final boolean baseline;
    private final List<Target> targets;
    private final List<Double> values = new ArrayList<>();
    private final List<Double> sendSpreads = new ArrayList<>();
    private final List<Double> releaseSteps = new ArrayList<>();
    private final List<Double> floorRatios = new ArrayList<>();
    private final List<ServerSide> serverSides = new ArrayList<>();
    private int runs;
    private int complete;

    Row(String scenario, String mode, Kind kind, boolean baseline, List<Target> targets) {
        this.scenario = scenario;
        this.mode = mode;
        this.kind = kind;
        this.baseline = baseline;
        this.targets = List.copyOf(targets);
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
        outcome.sendSpread().ifPresent(d -> sendSpreads.add(d.toNanos() / 1e6));
        outcome.releaseStep().ifPresent(d -> releaseSteps.add(d.toNanos() / 1e3));
    }

    /** Adds what the server saw of one repetition's burst: connections, reads, requests sent ahead. */
    void addServerSide(ServerSide serverSide) {
        serverSides.add(serverSide);
    }

    /** Adds one repetition's spread divided by the floor's spread in the same round. */
    void addFloorRatio(double ratio) {
        floorRatios.add(ratio);
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

    List<Target> targets() {
        return targets;
    }

    /** @return repetitions measured */
    int runs() {
        return runs;
    }

    /** @return repetitions in which every request arrived and was answered */
    int completeRuns() {
        return complete;
    }

    /** @return repetitions whose requests were completed by one read per connection */
    int oneReadRuns() {
        return (int) serverSides.stream().filter(ServerSide::oneReadPerConnection).count();
    }

    Optional<Stats> stats() {
        return statsOf(values);
    }

    Optional<Stats> sendSpread() {
        return statsOf(sendSpreads);
    }

    /** @return the median release step, in microseconds */
    Optional<Stats> releaseStep() {
        return statsOf(releaseSteps);
    }

    /** @return the per-round ratios of this row's spread to the floor's spread */
    Optional<Stats> floorRatio() {
        return statsOf(floorRatios);
    }

    Optional<Stats> connections() {
        return statsOf(serverSides.stream().map(s -> (double) s.connections()).collect(Collectors.toList()));
    }

    Optional<Stats> reads() {
        return statsOf(serverSides.stream().map(s -> (double) s.reads()).collect(Collectors.toList()));
    }

    Optional<Stats> maxReadsPerConnection() {
        return statsOf(serverSides.stream().map(s -> (double) s.maxReadsPerConnection()).collect(Collectors.toList()));
    }

    Optional<Stats> writtenAhead() {
        return statsOf(serverSides.stream().map(s -> (double) s.writtenAhead()).collect(Collectors.toList()));
    }

    boolean hasServerSide() {
        return !serverSides.isEmpty();
    }

    /** @return "yes", "no", "no (requests lost)" or "—" when the row has no target */
    String verdict() {
        if (targets.isEmpty()) {
            return "—";
        }
        if (complete < runs) {
            return "no (requests lost)";
        }
        List<Optional<Boolean>> met = targets.stream().map(t -> t.metBy(this)).collect(Collectors.toList());
        if (met.stream().anyMatch(Optional::isEmpty)) {
            return "no (not measured)";
        }
        return met.stream().allMatch(Optional::get) ? "yes" : "no";
    }

    String format(double value) {
        return kind == Kind.SPREAD
                ? String.format(Locale.ROOT, "%.3f ms", value)
                : Report.number(Math.round(value)) + " req/s";
    }

    private static Optional<Stats> statsOf(List<Double> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(Stats.of(values));
    }
}
