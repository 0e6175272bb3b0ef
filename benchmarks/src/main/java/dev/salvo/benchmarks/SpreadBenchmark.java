package dev.salvo.benchmarks;

import dev.salvo.Protocol;
import dev.salvo.Release;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures, at the server, how close together Salvo's requests arrive, next to a hand-written
 * baseline and a raw-socket floor, and how often each catches a natural race; prints Markdown
 * tables.
 *
 * <p>Scenarios: bursts of each size over each protocol (modes interleaved A B C A B C, the floor
 * of the same protocol in every round, median over the repetitions), the first burst of a fresh
 * JVM, a throughput run with a cap on requests in flight, and the natural race. Run it with
 * {@code ./mvnw -B -q -pl benchmarks -am compile exec:java -Dexec.skip=true -Dexec.mainClass=dev.salvo.benchmarks.SpreadBenchmark}
 * and choose what to run with {@code -Dexec.args="--sizes=10,100 --race-rounds=500"} (see {@link Options#USAGE}).
 */
public final class SpreadBenchmark {

    /** Pause between bursts, so that the previous burst's connections and threads are gone. */
    private static final long PAUSE_MILLIS = 100;

    private static final SalvoContender AUTO_GET = SalvoContender.get("Salvo, release AUTO (default), GET", b -> b);
    private static final SalvoContender PRECONNECT_GET = SalvoContender.get("Salvo, release PRECONNECT, GET",
            b -> b.release(Release.PRECONNECT));
    private static final SalvoContender LAST_BYTE_POST = SalvoContender.post("Salvo, release LAST_BYTE, POST",
            b -> b.release(Release.LAST_BYTE));
    private static final SalvoContender NO_BARRIER_GET = SalvoContender.get("Salvo, barrier(false), GET",
            b -> b.barrier(false));
    private static final SalvoContender HTTP2_LAST_BYTE_GET = SalvoContender.get("Salvo, HTTP/2, release LAST_BYTE, GET",
            b -> b.protocol(Protocol.HTTP_2).release(Release.LAST_BYTE));

    /** Salvo's ratio to the HTTP/1.1 floor, at most, for the modes and sizes that have this goal. */
    private static final double FLOOR_RATIO_TARGET = 1.2;
    /** Goals for Salvo's HTTP/2 median spread by burst size, in ms (loopback). */
    private static final Map<Integer, Double> HTTP2_SPREAD_TARGETS = Map.of(100, 0.1, 1000, 1.0);
    private static final double ONE_READ_TARGET = 0.95;
    private static final int COLD_TARGET_SIZE = 100;
    private static final double COLD_TARGET_MILLIS = 5.0;
    private static final int THROUGHPUT_TARGET_REQUESTS = 10_000;
    private static final int THROUGHPUT_TARGET_IN_FLIGHT = 64;
    private static final double THROUGHPUT_TARGET = 15_000;

    /**
     * The contenders of one protocol against its own timestamping server; the last is the floor
     * every other row of the round is divided by.
     */
    private record Lane(String suffix, TimestampServer server, List<Contender> contenders) {
        Contender floor() {
            return contenders.get(contenders.size() - 1);
        }
    }

    private final TimestampServer http1;
    private final Report report;
    private final PrintStream progress;
    private final AtomicInteger bursts = new AtomicInteger();

    private SpreadBenchmark(TimestampServer http1, Report report, PrintStream progress) {
        this.http1 = http1;
        this.report = report;
        this.progress = progress;
    }

    /**
     * The Salvo release modes compared over HTTP/1.1 in every burst scenario and in the natural
     * race, one row each; the first is Salvo's default and is also used for the fresh-JVM and
     * throughput scenarios.
     *
     * <p>To compare a new release mode, add one entry whose function configures the
     * {@code Burst} for that mode. Nothing else changes: the mode is measured, interleaved with
     * the others, divided by the floor of the same round, and gets its row.
     */
    static List<SalvoContender> salvoModes() {
        return List.of(AUTO_GET, PRECONNECT_GET, LAST_BYTE_POST, NO_BARRIER_GET);
    }

    /**
     * The contenders of the natural races: every Salvo mode and the baseline as they are, then
     * each once more with the write gate armed for its bursts.
     */
    static List<Contender> raceContenders(Contender baseline) {
        List<Contender> contenders = new ArrayList<>(salvoModes());
        contenders.add(baseline);
        salvoModes().forEach(mode -> contenders.add(mode.holdingWrites()));
        contenders.add(new HandArmedGate(baseline));
        return contenders;
    }

    /** The Salvo modes compared over HTTP/2 (h2c). */
    static List<SalvoContender> http2Modes() {
        return List.of(HTTP2_LAST_BYTE_GET);
    }

    /**
     * Runs the benchmark and prints the tables on standard output; progress goes to standard error.
     *
     * @param args {@code --name=value} options, see {@link Options#USAGE}
     * @throws IllegalStateException if any burst lost a request (the tables are printed first)
     */
    public static void main(String[] args) throws Exception {
        execute(args, System.out, System.err);
    }

    /**
     * What {@link #main} does, with the streams given.
     *
     * @param args {@code --name=value} options, see {@link Options#USAGE}
     * @param out receives the tables
     * @param progress receives a line per burst
     * @return the measurements, or {@code null} after {@code --help}
     * @throws IllegalStateException if any burst lost a request (the tables are printed first)
     */
    static Report execute(String[] args, PrintStream out, PrintStream progress) throws Exception {
        if (List.of(args).contains("--help")) {
            out.println(Options.USAGE);
            return null;
        }
        long start = System.nanoTime();
        Report report = run(Options.parse(args), progress);
        report.addFact(String.format("the whole run took %.0f s", (System.nanoTime() - start) / 1e9));
        out.println(report.toMarkdown());
        out.flush();
        if (!report.allComplete()) {
            throw new IllegalStateException("some repetitions lost requests: see the 'complete' columns above");
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
        Map<TimestampServer.Protocol, TimestampServer> servers = new EnumMap<>(TimestampServer.Protocol.class);
        try (JdkBaseline baseline = new JdkBaseline()) {
            for (TimestampServer.Protocol protocol : TimestampServer.Protocol.values()) {
                if (protocol == TimestampServer.Protocol.HTTP_1_1 || options.protocols().contains(protocol)) {
                    servers.put(protocol, protocol.started(options.maxStreams()));
                }
            }
            Report report = new Report(facts(options));
            SpreadBenchmark benchmark = new SpreadBenchmark(servers.get(TimestampServer.Protocol.HTTP_1_1), report, progress);
            List<Lane> lanes = new ArrayList<>();
            for (TimestampServer.Protocol protocol : options.protocols()) {
                lanes.add(lane(protocol, servers.get(protocol), baseline));
            }
            List<String> durations = new ArrayList<>();
            long start = System.nanoTime();
            for (int size : options.sizes()) {
                benchmark.bursts(size, options, lanes);
            }
            start = took("bursts", start, durations);
            if (options.coldRuns() > 0) {
                benchmark.coldBursts(options);
                start = took("fresh JVMs", start, durations);
            }
            if (options.throughputRequests() > 0) {
                benchmark.throughput(options, baseline);
                start = took("throughput", start, durations);
            }
            if (options.raceRounds() > 0) {
                List<Contender> contenders = raceContenders(baseline);
                for (RaceScenario.Server kind : options.raceServers()) {
                    try (RaceServer server = kind.start(options.raceThreads())) {
                        for (RaceScenario.Race race : RaceScenario.Race.values()) {
                            report.addRace(race, server.name(), RaceScenario.run(contenders, options.raceRounds(),
                                    options.raceSize(), server, race, progress), options.raceSize(), options.raceThreads());
                        }
                    }
                }
                took("races", start, durations);
            }
            report.addFact("load average at the end (1, 5, 15 min): " + loadAverage().orElse("unknown"));
            report.addFact("time per scenario: " + String.join(", ", durations));
            return report;
        } finally {
            servers.values().forEach(TimestampServer::close);
        }
    }

    /** Notes how long a scenario took since {@code start}; returns now. */
    private static long took(String scenario, long start, List<String> durations) {
        long now = System.nanoTime();
        durations.add(String.format(Locale.ROOT, "%s %.0f s", scenario, (now - start) / 1e9));
        return now;
    }

    private static Lane lane(TimestampServer.Protocol protocol, TimestampServer server, JdkBaseline baseline) {
        List<Contender> contenders = new ArrayList<>();
        if (protocol == TimestampServer.Protocol.HTTP_2) {
            contenders.addAll(http2Modes());
            contenders.add(new RawH2cReference(server));
            return new Lane(", h2c", server, contenders);
        }
        contenders.addAll(salvoModes());
        contenders.add(baseline);
        contenders.add(new RawSocketReference(server));
        return new Lane("", server, contenders);
    }

    private static List<Row.Target> targets(Contender contender, int size) {
        if (contender == AUTO_GET || (contender == LAST_BYTE_POST && size == 1000)) {
            return List.of(new Row.Target(Row.Bound.FLOOR_RATIO, FLOOR_RATIO_TARGET));
        }
        if (contender == HTTP2_LAST_BYTE_GET) {
            List<Row.Target> targets = new ArrayList<>();
            if (size <= 100) {
                targets.add(new Row.Target(Row.Bound.ONE_READ_SHARE, ONE_READ_TARGET));
            }
            Optional.ofNullable(HTTP2_SPREAD_TARGETS.get(size))
                    .ifPresent(limit -> targets.add(new Row.Target(Row.Bound.SPREAD_MILLIS, limit)));
            return targets;
        }
        return List.of();
    }

    private void bursts(int size, Options options, List<Lane> lanes) throws InterruptedException {
        Map<Contender, Row> rows = new HashMap<>();
        for (Lane lane : lanes) {
            String scenario = "burst of " + Report.number(size) + lane.suffix();
            for (Contender contender : lane.contenders()) {
                rows.put(contender, report.add(new Row(scenario, contender.mode(), Row.Kind.SPREAD,
                        contender instanceof JdkBaseline, targets(contender, size))));
            }
        }
        int rounds = options.warmup() + options.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < options.warmup();
            for (Lane lane : lanes) {
                Map<Contender, Double> spreads = new HashMap<>();
                for (Contender contender : lane.contenders()) {
                    String what = "burst of " + size + lane.suffix() + ", "
                            + (warmup ? "warm-up" : "round " + (round - options.warmup() + 1)) + ", " + contender.mode();
                    measureBurst(what, lane.server(), warmup ? null : rows.get(contender), size,
                            burst -> contender.burst(lane.server().baseUrl(), burst, size))
                            .ifPresent(spread -> spreads.put(contender, spread));
                }
                Double floor = spreads.get(lane.floor());
                if (!warmup && floor != null && floor > 0) {
                    spreads.forEach((contender, spread) -> rows.get(contender).addFloorRatio(spread / floor));
                }
            }
        }
    }

    private void coldBursts(Options options) throws InterruptedException {
        int size = options.coldSize();
        List<Row.Target> targets = size == COLD_TARGET_SIZE
                ? List.of(new Row.Target(Row.Bound.SPREAD_MILLIS, COLD_TARGET_MILLIS))
                : List.of();
        Row row = report.add(new Row("first burst in a fresh JVM, " + Report.number(size),
                salvoModes().get(0).mode() + ", new JVM each", Row.Kind.SPREAD, false, targets));
        for (int run = 1; run <= options.coldRuns(); run++) {
            measureBurst("fresh JVM " + run + " of " + options.coldRuns(), http1, row, size,
                    burst -> ColdStart.fire(http1.baseUrl(), burst, size));
        }
    }

    private void throughput(Options options, JdkBaseline baseline) throws InterruptedException {
        int count = options.throughputRequests();
        int inFlight = options.maxInFlight();
        String scenario = Report.number(count) + " requests, maxInFlight " + inFlight;
        List<Row.Target> targets = count == THROUGHPUT_TARGET_REQUESTS && inFlight == THROUGHPUT_TARGET_IN_FLIGHT
                ? List.of(new Row.Target(Row.Bound.THROUGHPUT, THROUGHPUT_TARGET))
                : List.of();
        SalvoContender salvo = salvoModes().get(0);
        Row salvoRow = report.add(new Row(scenario, salvo.mode() + ", maxInFlight(" + inFlight + ")",
                Row.Kind.THROUGHPUT, false, targets));
        Row baselineRow = report.add(new Row(scenario, "baseline: JDK HttpClient + " + inFlight + " threads",
                Row.Kind.THROUGHPUT, true, List.of()));
        int rounds = options.warmup() + options.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < options.warmup();
            String label = scenario + ", " + (warmup ? "warm-up" : "round " + (round - options.warmup() + 1));
            measureThroughput(label + ", Salvo", warmup ? null : salvoRow, count,
                    burst -> Contender.Outcome.answered(SalvoContender.outcome(salvo.fire(http1.baseUrl(), burst, count, inFlight))
                            .answered()));
            measureThroughput(label + ", baseline", warmup ? null : baselineRow, count,
                    burst -> Contender.Outcome.answered(baseline.throughput(http1.baseUrl(), burst, count, inFlight)));
        }
    }

    /** Sends one burst of a scenario. */
    private interface Firing {
        Contender.Outcome fire(String burst) throws Exception;
    }

    /**
     * Fires one burst and adds what the server saw to the row ({@code null}: a warm-up, not kept).
     *
     * @return the server-side spread in ms, if at least two requests arrived
     */
    private Optional<Double> measureBurst(String what, TimestampServer server, Row row, int size, Firing firing)
            throws InterruptedException {
        String burst = "b" + bursts.incrementAndGet();
        Contender.Outcome outcome = fire(what, firing, burst);
        ServerSide seen = ServerSide.of(server.take(burst));
        Optional<Double> spread = seen.requests() < 2 ? Optional.empty() : Optional.of(seen.spreadMillis());
        boolean complete = seen.requests() == size && outcome.answered() == size;
        progress.printf("%s: %s, %d connection(s), %d read(s)%s%n", what,
                spread.map(ms -> String.format("%.3f ms", ms)).orElse("no spread"), seen.connections(), seen.reads(),
                complete ? "" : " (INCOMPLETE: " + seen.requests() + " arrived, " + outcome.answered() + " answered of " + size + ")");
        if (row != null) {
            row.add(spread, outcome, complete);
            row.addServerSide(seen);
        }
        Thread.sleep(PAUSE_MILLIS);
        return spread;
    }

    /** Sends {@code count} requests and adds the rate, from the call to its return, to the row. */
    private void measureThroughput(String what, Row row, int count, Firing firing) throws InterruptedException {
        String burst = "b" + bursts.incrementAndGet();
        long start = System.nanoTime();
        Contender.Outcome outcome = fire(what, firing, burst);
        double seconds = (System.nanoTime() - start) / 1e9;
        int arrived = http1.take(burst).size();
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
                "servers: " + options.protocols() + " timestamping servers on 127.0.0.1, one NIO thread each, answering"
                        + " each request as soon as it is complete, listen backlog " + NioTimestampServer.BACKLOG
                        + somaxconn().map(s -> " (net.core.somaxconn " + s + ")").orElse("")
                        + (options.protocols().contains(TimestampServer.Protocol.HTTP_2)
                                ? "; h2c SETTINGS_MAX_CONCURRENT_STREAMS " + options.maxStreams() : ""),
                "run: " + options.repetitions() + " measured repetitions per size after " + options.warmup()
                        + " warm-up round(s), modes interleaved; " + options.coldRuns() + " fresh JVM(s) of "
                        + options.coldSize() + "; throughput " + Report.number(options.throughputRequests())
                        + " requests at " + options.maxInFlight() + " in flight; race " + options.raceRounds()
                        + " rounds of " + options.raceSize() + " per contender",
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
