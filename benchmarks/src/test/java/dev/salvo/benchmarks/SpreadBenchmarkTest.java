package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the benchmark program working: a tiny run through the same entry as {@code main}, with
 * every scenario, against the real timestamping server. It checks that the program runs and
 * that every burst got all its answers, not how fast anything was.
 */
class SpreadBenchmarkTest {

    private static final String[] TINY = {
        "--sizes=5", "--repetitions=2", "--warmup=0", "--cold=1", "--cold-size=5", "--throughput=200", "--in-flight=8",
        "--race-rounds=2", "--race-size=4", "--race-threads=16", "--race-servers=JDK"
    };

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTinyRunPrintsEveryRowAndEveryBurstGetsAllItsAnswers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = SpreadBenchmark.execute(TINY, print(out), print(progress));

        assertThat(report.rows()).extracting(Row::scenario, Row::mode).containsExactly(
                tuple("burst of 5", "Salvo, release AUTO (default), GET"),
                tuple("burst of 5", "Salvo, release PRECONNECT, GET"),
                tuple("burst of 5", "Salvo, release LAST_BYTE, POST"),
                tuple("burst of 5", "Salvo, barrier(false), GET"),
                tuple("burst of 5", "baseline: JDK HttpClient + thread per request + CyclicBarrier"),
                tuple("burst of 5", "floor: raw sockets, GET, last byte withheld"),
                tuple("burst of 5, h2c", "Salvo, HTTP/2, release LAST_BYTE, GET"),
                tuple("burst of 5, h2c", "floor: raw h2c, GET, one write of the ends per connection"),
                tuple("first burst in a fresh JVM, 5", "Salvo, release AUTO (default), GET, new JVM each"),
                tuple("200 requests, maxInFlight 8", "Salvo, release AUTO (default), GET, maxInFlight(8)"),
                tuple("200 requests, maxInFlight 8", "baseline: JDK HttpClient + 8 threads"));
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.runs()).as(row.mode()).isEqualTo(row.scenario().startsWith("first burst") ? 1 : 2);
            assertThat(row.completeRuns()).as("complete runs of %s / %s", row.scenario(), row.mode()).isEqualTo(row.runs());
        });
        assertThat(report.rows()).filteredOn(row -> row.scenario().equals("burst of 5")).allSatisfy(row -> {
            assertThat(row.stats()).as(row.mode()).hasValueSatisfying(stats -> assertThat(stats.min()).isPositive());
            assertThat(row.connections()).as("a row per burst of 5 connections at most")
                    .hasValueSatisfying(connections -> assertThat(connections.max()).isBetween(1.0, 5.0));
        });
        assertThat(report.rows()).filteredOn(row -> row.mode().startsWith("floor")).allSatisfy(row -> {
            if (row.scenario().equals("burst of 5")) {
                assertThat(row.floorRatio()).as("the floor against itself")
                        .hasValueSatisfying(ratio -> assertThat(ratio.median()).isEqualTo(1.0));
            }
            assertThat(row.writtenAhead()).as("everything but the ends went ahead")
                    .hasValueSatisfying(ahead -> assertThat(ahead.min()).isEqualTo(5.0));
        });
        assertThat(report.rows()).filteredOn(row -> row.scenario().equals("burst of 5") && !row.mode().startsWith("floor"))
                .allSatisfy(row -> assertThat(row.floorRatio()).as(row.mode()).isPresent());
        assertThat(report.rows()).filteredOn(row -> row.mode().startsWith("Salvo"))
                .allSatisfy(row -> assertThat(row.verdict()).as(row.mode()).isIn("—", "yes", "no"));
        List<String> contenders = List.of(
                "Salvo, release AUTO (default), GET", "Salvo, release PRECONNECT, GET", "Salvo, release LAST_BYTE, POST",
                "Salvo, barrier(false), GET", "baseline: JDK HttpClient + thread per request + CyclicBarrier",
                "Salvo, release AUTO (default), GET, holdWrites", "Salvo, release PRECONNECT, GET, holdWrites",
                "Salvo, release LAST_BYTE, POST, holdWrites", "Salvo, barrier(false), GET, holdWrites",
                "baseline: JDK HttpClient + thread per request + CyclicBarrier, write gate armed by hand");
        List<String> everyRace = new java.util.ArrayList<>();
        for (int race = 0; race < RaceScenario.Race.values().length; race++) {
            everyRace.addAll(contenders);
        }
        assertThat(report.race()).extracting(RaceScenario.Result::mode).containsExactlyElementsOf(everyRace);
        assertThat(report.race()).allSatisfy(result -> {
            assertThat(result.rounds()).isEqualTo(2);
            assertThat(result.complete()).as(result.mode()).isEqualTo(2);
        });
        assertThat(report.race().subList(0, 10)).as("claims won per round")
                .allSatisfy(result -> assertThat(result.winners()).as(result.mode()).allSatisfy(won -> assertThat(won).isBetween(1, 4)));
        assertThat(report.race().subList(10, 20)).as("deposits lost per round")
                .allSatisfy(result -> assertThat(result.winners()).as(result.mode()).allSatisfy(lost -> assertThat(lost).isBetween(0, 3)));
        assertThat(report.race().subList(5, 10)).as("with the write gate, every request reads before any writes")
                .allSatisfy(result -> assertThat(result.caught()).as(result.mode()).isEqualTo(2));
        assertThat(report.race()).filteredOn(result -> result.mode().contains("holdWrites") || result.mode().contains("gate"))
                .hasSize(20).allSatisfy(result -> {
                    assertThat(result.holds()).as(result.mode()).hasSize(2);
                    assertThat(result.allArrived()).as(result.mode()).isEqualTo(2);
                });
        assertThat(report.race().subList(15, 20)).as("with the write gate, every deposit but one is lost")
                .allSatisfy(result -> assertThat(result.winners()).as(result.mode()).containsOnly(3));
        assertThat(report.race().subList(20, 40)).as("the fixed services, with the gate and without")
                .allSatisfy(result -> assertThat(result.caught()).as(result.mode()).isZero());
        assertThat(report.race().subList(20, 30)).as("one claim won each round")
                .allSatisfy(result -> assertThat(result.winners()).as(result.mode()).containsOnly(1));
        assertThat(report.race().subList(30, 40)).as("no deposit lost")
                .allSatisfy(result -> assertThat(result.winners()).as(result.mode()).containsOnly(0));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains("- machine: " + Runtime.getRuntime().availableProcessors() + " cores")
                .contains("- JDK: ")
                .contains("| scenario | mode | median | min | max | vs floor | connections | reads (max per conn.)"
                        + " | 1 read per conn. | sent ahead | client send spread | release step | vs baseline"
                        + " | complete | target | met |")
                .contains("| burst of 5 | Salvo, release AUTO (default), GET | ")
                .contains("| burst of 5 | Salvo, release LAST_BYTE, POST | ")
                .contains("| burst of 5, h2c | Salvo, HTTP/2, release LAST_BYTE, GET | ")
                .contains("| first burst in a fresh JVM, 5 | Salvo, release AUTO (default), GET, new JVM each | ")
                .contains("| 200 requests, maxInFlight 8 | baseline: JDK HttpClient + 8 threads | ")
                .contains("| contender | rounds | caught | catch rate | rounds for 95 % |")
                .contains("| Salvo, release LAST_BYTE, POST | 2 | ")
                .contains("- the whole run took ")
                .doesNotContain("INCOMPLETE", "FAILED");
        assertThat(table.lines().filter(line -> line.startsWith("| ") && line.contains(" | 2/2 |"))).hasSize(10 + 40);
        assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("INCOMPLETE", "FAILED");
    }

    @Test
    void theTargetsOfTheFullRunAreJudged() {
        Row row = new Row("burst of 10", "Salvo", Row.Kind.SPREAD, false,
                List.of(new Row.Target(Row.Bound.SPREAD_MILLIS, 0.3)));
        Contender.Outcome answered = Contender.Outcome.answered(10);
        row.add(Optional.of(0.2), answered, true);
        row.add(Optional.of(0.5), answered, true);
        row.add(Optional.of(0.25), answered, true);
        assertThat(row.verdict()).isEqualTo("yes");
        row.add(Optional.of(0.9), answered, true);
        assertThat(row.verdict()).as("median of 0.2, 0.25, 0.5, 0.9 is 0.375").isEqualTo("no");

        Row lost = new Row("10 000 requests", "Salvo", Row.Kind.THROUGHPUT, false,
                List.of(new Row.Target(Row.Bound.THROUGHPUT, 15_000)));
        lost.add(Optional.of(20_000.0), answered, true);
        lost.add(Optional.empty(), answered, false);
        assertThat(lost.verdict()).isEqualTo("no (requests lost)");

        Row ratio = new Row("burst of 100", "Salvo", Row.Kind.SPREAD, false,
                List.of(new Row.Target(Row.Bound.FLOOR_RATIO, 1.2), new Row.Target(Row.Bound.ONE_READ_SHARE, 0.95)));
        assertThat(ratio.verdict()).as("nothing measured").isEqualTo("no (not measured)");
        ratio.add(Optional.of(1.0), answered, true);
        ratio.addFloorRatio(1.1);
        ratio.addServerSide(new ServerSide(10, 1.0, 2, 2, 1, 10));
        assertThat(ratio.verdict()).isEqualTo("yes");
        ratio.add(Optional.of(1.0), answered, true);
        ratio.addFloorRatio(1.1);
        ratio.addServerSide(new ServerSide(10, 1.0, 2, 3, 2, 10));
        assertThat(ratio.verdict()).as("one repetition of two took two reads on a connection").isEqualTo("no");
    }

    @Test
    void wrongArgumentsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> Options.parse("--sizes=1"))
                .hasMessageStartingWith("--sizes=1 is out of range: allowed 2..10000")
                .hasMessageContaining("--repetitions=9");
        assertThatThrownBy(() -> Options.parse("--race-threads=8"))
                .hasMessageStartingWith("--race-threads=8 is out of range: allowed 16..1000");
        assertThatThrownBy(() -> Options.parse("--protocols=HTTP_1_1,SPDY"))
                .hasMessageStartingWith("--protocols=HTTP_1_1,SPDY: 'SPDY' is not one of [HTTP_1_1, HTTP_2]");
        assertThatThrownBy(() -> Options.parse("--repetitons=5")).hasMessageStartingWith("unknown argument '--repetitons'");
        assertThatThrownBy(() -> Options.parse("sizes")).hasMessageStartingWith("argument 'sizes' is not of the form --name=value");
        assertThat(Options.parse("--sizes=10, 20", "--cold=0")).satisfies(options -> {
            assertThat(options.sizes()).containsExactly(10, 20);
            assertThat(options.coldRuns()).isZero();
            assertThat(options.repetitions()).isEqualTo(9);
            assertThat(options.protocols()).containsExactly(TimestampServer.Protocol.HTTP_1_1, TimestampServer.Protocol.HTTP_2);
            assertThat(options.raceRounds()).isEqualTo(200);
        });
        assertThat(Options.parse("--race-rounds=1000", "--protocols=http_2").raceRounds()).isEqualTo(1000);
        assertThat(Options.parse().raceServers()).containsExactly(RaceScenario.Server.JDK, RaceScenario.Server.SPRING);
        assertThatThrownBy(() -> Options.parse("--race-servers=JDK,NETTY"))
                .hasMessageStartingWith("--race-servers=JDK,NETTY: 'NETTY' is not one of [JDK, SPRING]");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
