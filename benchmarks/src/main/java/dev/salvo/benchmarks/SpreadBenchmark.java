package dev.salvo.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import dev.salvo.Release;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures, at the server, how close together Salvo's requests arrive, next to a hand-written
 * baseline and a raw-socket reference, and prints one Markdown table.
 *
 * <p>Scenarios: bursts of each size (modes interleaved A B C A B C, median over the
 * repetitions), the first burst of a fresh JVM, and a throughput run with a cap on requests in
 * flight. Run it with
 * {@code ./mvnw -B -q -pl benchmarks -am compile exec:java -Dexec.skip=true -Dexec.mainClass=dev.salvo.benchmarks.SpreadBenchmark}
 * and choose sizes with {@code -Dexec.args="--sizes=10,100 --repetitions=7"} (see {@link Options#USAGE}).
 */
public final class SpreadBenchmark {

    /** Pause between bursts, so that the previous burst's connections and threads are gone. */
    private static final long PAUSE_MILLIS = 100;

    /** Goals for Salvo's server-side median spread by burst size, in ms (loopback, 2 cores). */
    private static final Map<Integer, Double> SPREAD_TARGETS = Map.of(10, 0.3, 100, 1.0, 1000, 10.0);
    private static final int COLD_TARGET_SIZE = 100;
    private static final double COLD_TARGET_MILLIS = 5.0;
    private static final int THROUGHPUT_TARGET_REQUESTS = 10_000;
    private static final int THROUGHPUT_TARGET_IN_FLIGHT = 64;
    private static final double THROUGHPUT_TARGET = 15_000;

    private final TimestampServer server;
    private final Report report;
    private final PrintStream progress;
    private final AtomicInteger bursts = new AtomicInteger();

    private SpreadBenchmark(TimestampServer server, Report report, PrintStream progress) {
        this.server = server;
        this.report = report;
        this.progress = progress;
    }

    /**
     * The Salvo release modes compared in every burst scenario, one row each; the first is
     * Salvo's default and is also used for the fresh-JVM and throughput scenarios.
     *
     * <p>To compare a new release mode, add one entry whose function configures the
     * {@code Burst} for that mode, e.g. once {@code Burst} offers a release option, an entry
     * that calls it with the new mode. Nothing else changes: the mode is measured, interleaved
     * with the others, and gets its row.
     */
    static List<SalvoContender> salvoModes() {
        return List.of(
                new SalvoContender("Salvo, barrier (default), GET", burst -> burst),
                new SalvoContender("Salvo, release = LAST_BYTE, POST", burst -> burst.release(Release.LAST_BYTE), true),
                new SalvoContender("Salvo, barrier(false), GET", burst -> burst.barrier(false)));
    }

    /**
     * Runs the benchmark and prints the table on standard output; progress goes to standard error.
     *
     * @param args {@code --name=value} options, see {@link Options#USAGE}
     * @throws IllegalStateException if any burst lost a request (the table is printed first)
     */
    public static void main(String[] args) throws Exception {
        execute(args, System.out, System.err);
    }

    /**
     * What {@link #main} does, with the streams given.
     *
     * @param args {@code --name=value} options, see {@link Options#USAGE}
     * @param out receives the table
     * @param progress receives a line per burst
     * @return the measurements, or {@code null} after {@code --help}
     * @throws IllegalStateException if any burst lost a request (the table is printed first)
     */
    static Report execute(String[] args, PrintStream out, PrintStream progress) throws Exception {
        if (List.of(args).contains("--help")) {
            out.println(Options.USAGE);
            return null;
        }
        Report report = run(Options.parse(args), progress);
        out.println(report.toMarkdown());
        out.flush();
        if (!report.allComplete()) {
            throw new IllegalStateException("some repetitions lost requests: see the 'complete' column above");
        }
        return report;
    }

    /**
     * Runs every scenario the options ask for.
     *
     * @param options what to run
     * @param progress where to say what is running
     * @return the measurements
     */
    static Report run(Options options, PrintStream progress) throws Exception {
        try (TimestampServer server = options.protocol().started(); JdkBaseline baseline = new JdkBaseline()) {
            Report report = new Report(facts(options));
            SpreadBenchmark benchmark = new SpreadBenchmark(server, report, progress);
            List<Contender> contenders = new ArrayList<>(salvoModes());
            contenders.add(baseline);
            contenders.add(new RawSocketReference(server));
            for (int size : options.sizes()) {
                benchmark.bursts(size, options, contenders);
            }
            if (options.coldRuns() > 0) {
                benchmark.coldBursts(options);
            }
            if (options.throughputRequests() > 0) {
                benchmark.throughput(options, baseline);
            }
            report.addFact("load average at the end (1, 5, 15 min): " + loadAverage().orElse("unknown"));
            return report;
        }
    }

    private void bursts(int size, Options options, List<Contender> contenders) throws InterruptedException {
        String scenario = "burst of " + Report.number(size);
        Optional<Row.Target> target = Optional.ofNullable(SPREAD_TARGETS.get(size))
                .map(limit -> new Row.Target(Row.Kind.SPREAD, limit));
        List<Row> rows = new ArrayList<>();
        for (Contender contender : contenders) {
            boolean salvo = contender instanceof SalvoContender;
            rows.add(report.add(new Row(scenario, contender.mode(), Row.Kind.SPREAD, contender instanceof JdkBaseline,
                    salvo ? target : Optional.empty())));
        }
        int rounds = options.warmup() + options.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < options.warmup();
            for (int i = 0; i < contenders.size(); i++) {
                Contender contender = contenders.get(i);
                String what = scenario + ", " + (warmup ? "warm-up" : "round " + (round - options.warmup() + 1))
                        + ", " + contender.mode();
                measureBurst(what, warmup ? null : rows.get(i), size, burst -> contender.burst(server.baseUrl(), burst, size));
            }
        }
    }

    private void coldBursts(Options options) throws InterruptedException {
        int size = options.coldSize();
        Optional<Row.Target> target = size == COLD_TARGET_SIZE
                ? Optional.of(new Row.Target(Row.Kind.SPREAD, COLD_TARGET_MILLIS))
                : Optional.empty();
        Row row = report.add(new Row("first burst in a fresh JVM, " + Report.number(size),
                salvoModes().get(0).mode() + ", new JVM each", Row.Kind.SPREAD, false, target));
        for (int run = 1; run <= options.coldRuns(); run++) {
            measureBurst("fresh JVM " + run + " of " + options.coldRuns(), row, size,
                    burst -> ColdStart.fire(server.baseUrl(), burst, size));
        }
    }

    private void throughput(Options options, JdkBaseline baseline) throws InterruptedException {
        int count = options.throughputRequests();
        int inFlight = options.maxInFlight();
        String scenario = Report.number(count) + " requests, maxInFlight " + inFlight;
        Optional<Row.Target> target = count == THROUGHPUT_TARGET_REQUESTS && inFlight == THROUGHPUT_TARGET_IN_FLIGHT
                ? Optional.of(new Row.Target(Row.Kind.THROUGHPUT, THROUGHPUT_TARGET))
                : Optional.empty();
        SalvoContender salvo = salvoModes().get(0);
        Row salvoRow = report.add(new Row(scenario, salvo.mode() + ", maxInFlight(" + inFlight + ")",
                Row.Kind.THROUGHPUT, false, target));
        Row baselineRow = report.add(new Row(scenario, "baseline: JDK HttpClient + " + inFlight + " threads",
                Row.Kind.THROUGHPUT, true, Optional.empty()));
        int rounds = options.warmup() + options.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < options.warmup();
            String label = scenario + ", " + (warmup ? "warm-up" : "round " + (round - options.warmup() + 1));
            measureThroughput(label + ", Salvo", warmup ? null : salvoRow, count,
                    burst -> Contender.Outcome.answered(SalvoContender.outcome(salvo.fire(server.baseUrl(), burst, count, inFlight))
                            .answered()));
            measureThroughput(label + ", baseline", warmup ? null : baselineRow, count,
                    burst -> Contender.Outcome.answered(baseline.throughput(server.baseUrl(), burst, count, inFlight)));
        }
    }

    /** Sends one burst of a scenario. */
    private interface Firing {
        Contender.Outcome fire(String burst) throws Exception;
    }

    /** Fires one burst and adds its server-side spread to the row ({@code null}: a warm-up, not kept). */
    private void measureBurst(String what, Row row, int size, Firing firing) throws InterruptedException {
        String burst = "b" + bursts.incrementAndGet();
        Contender.Outcome outcome = fire(what, firing, burst);
        List<Long> arrivals = server.take(burst);
        Optional<Double> spread = arrivals.size() < 2 ? Optional.empty() : Optional.of(
                (arrivals.stream().mapToLong(Long::longValue).max().getAsLong()
                        - arrivals.stream().mapToLong(Long::longValue).min().getAsLong()) / 1e6);
        boolean complete = arrivals.size() == size && outcome.answered() == size;
        progress.printf("%s: %s%s%n", what, spread.map(ms -> String.format("%.3f ms", ms)).orElse("no spread"),
                complete ? "" : " (INCOMPLETE: " + arrivals.size() + " arrived, " + outcome.answered() + " answered of " + size + ")");
        if (row != null) {
            row.add(spread, outcome, complete);
        }
        Thread.sleep(PAUSE_MILLIS);
    }

    /** Sends {@code count} requests and adds the rate, from the call to its return, to the row. */
    private void measureThroughput(String what, Row row, int count, Firing firing) throws InterruptedException {
        String burst = "b" + bursts.incrementAndGet();
        long start = System.nanoTime();
        Contender.Outcome outcome = fire(what, firing, burst);
        double seconds = (System.nanoTime() - start) / 1e9;
        int arrived = server.take(burst).size();
        boolean complete = arrived == count && outcome.answered() == count;
        double rate = count / seconds;
        progress.printf("%s: %.0f req/s%s%n", what, rate,
                complete ? "" : " (INCOMPLETE: " + arrived + " arrived, " + outcome.answered() + " answered of " + count + ")");
        if (row != null) {
            row.add(complete ? Optional.of(rate) : Optional.empty(), outcome, complete);
        }
        Thread.sleep(PAUSE_MILLIS);
    }

    private Contender.Outcome fire(String what, Firing firing, String burst) throws InterruptedException {
        try {
            return firing.fire(burst);
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception failed) {
            progress.println(what + ": FAILED: " + failed);
            return Contender.Outcome.answered(0);
        }
    }

    private static List<String> facts(Options options) {
        return List.of(
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores" + cpuModel().map(m -> " (" + m + ")").orElse("")
                        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch"),
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "server: " + options.protocol() + " timestamping server on 127.0.0.1, one NIO thread, listen backlog "
                        + Http1TimestampServer.BACKLOG + somaxconn().map(s -> " (net.core.somaxconn " + s + ")").orElse(""),
                "run: " + options.repetitions() + " measured repetitions per size after " + options.warmup()
                        + " warm-up round(s), modes interleaved; " + options.coldRuns() + " fresh JVM(s) of "
                        + options.coldSize() + "; throughput " + Report.number(options.throughputRequests())
                        + " requests at " + options.maxInFlight() + " in flight",
                "load average at the start (1, 5, 15 min): " + loadAverage().orElse("unknown")
                        + "; other processes on the machine compete for the same cores",
                "date: " + LocalDate.now());
    }

    private static Optional<String> cpuModel() {
        return readLines("/proc/cpuinfo").flatMap(lines -> lines.stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst());
    }

    private static Optional<String> loadAverage() {
        return readLines("/proc/loadavg").flatMap(lines -> lines.stream().findFirst())
                .map(line -> String.join(", ", List.of(line.trim().split("\\s+")).subList(0, 3)));
    }

    private static Optional<String> somaxconn() {
        return readLines("/proc/sys/net/core/somaxconn").flatMap(lines -> lines.stream().findFirst()).map(String::trim);
    }

    private static Optional<List<String>> readLines(String file) {
        try {
            return Optional.of(Files.readAllLines(Path.of(file)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
