package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        "--sizes=5", "--repetitions=2", "--warmup=0", "--cold=1", "--cold-size=5", "--throughput=200", "--in-flight=8"
    };

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTinyRunPrintsEveryRowAndEveryBurstGetsAllItsAnswers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = SpreadBenchmark.execute(TINY, print(out), print(progress));

        assertThat(report.rows()).extracting(Row::scenario, Row::mode).containsExactly(
                tuple("burst of 5", "Salvo, barrier (default), GET"),
                tuple("burst of 5", "Salvo, release = LAST_BYTE, POST"),
                tuple("burst of 5", "Salvo, barrier(false), GET"),
                tuple("burst of 5", "baseline: JDK HttpClient + thread per request + CyclicBarrier"),
                tuple("burst of 5", "reference: raw sockets, pre-accepted, one writing thread"),
                tuple("first burst in a fresh JVM, 5", "Salvo, barrier (default), GET, new JVM each"),
                tuple("200 requests, maxInFlight 8", "Salvo, barrier (default), GET, maxInFlight(8)"),
                tuple("200 requests, maxInFlight 8", "baseline: JDK HttpClient + 8 threads"));
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.runs()).as(row.mode()).isEqualTo(row.scenario().startsWith("first burst") ? 1 : 2);
            assertThat(row.completeRuns()).as("complete runs of %s / %s", row.scenario(), row.mode()).isEqualTo(row.runs());
            assertThat(row.stats()).as(row.mode()).hasValueSatisfying(stats -> assertThat(stats.min()).isPositive());
        });
        assertThat(report.rows()).filteredOn(row -> row.mode().startsWith("Salvo"))
                .allSatisfy(row -> assertThat(row.verdict()).as("no target for sizes other than the goals'").isEqualTo("—"));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains("- machine: " + Runtime.getRuntime().availableProcessors() + " cores")
                .contains("- JDK: ")
                .contains("| scenario | mode | median | min | max | client release spread | client send spread"
                        + " | release step | vs baseline | complete | target | met |")
                .contains("| burst of 5 | Salvo, barrier (default), GET | ")
                .contains("| burst of 5 | Salvo, release = LAST_BYTE, POST | ")
                .contains("| first burst in a fresh JVM, 5 | Salvo, barrier (default), GET, new JVM each | ")
                .contains("| 200 requests, maxInFlight 8 | baseline: JDK HttpClient + 8 threads | ")
                .doesNotContain("INCOMPLETE", "FAILED");
        assertThat(table.lines().filter(line -> line.startsWith("| ") && line.contains(" | 2/2 | "))).hasSize(7);
        assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("INCOMPLETE", "FAILED");
    }

    @Test
    void theTargetsOfTheFullRunAreJudged() {
        Row row = new Row("burst of 10", "Salvo", Row.Kind.SPREAD, false,
                Optional.of(new Row.Target(Row.Kind.SPREAD, 0.3)));
        Contender.Outcome answered = Contender.Outcome.answered(10);
        row.add(Optional.of(0.2), answered, true);
        row.add(Optional.of(0.5), answered, true);
        row.add(Optional.of(0.25), answered, true);
        assertThat(row.verdict()).isEqualTo("yes");
        row.add(Optional.of(0.9), answered, true);
        assertThat(row.verdict()).as("median of 0.2, 0.25, 0.5, 0.9 is 0.375").isEqualTo("no");

        Row lost = new Row("10 000 requests", "Salvo", Row.Kind.THROUGHPUT, false,
                Optional.of(new Row.Target(Row.Kind.THROUGHPUT, 15_000)));
        lost.add(Optional.of(20_000.0), answered, true);
        lost.add(Optional.empty(), answered, false);
        assertThat(lost.verdict()).isEqualTo("no (requests lost)");
    }

    @Test
    void wrongArgumentsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> Options.parse("--sizes=1"))
                .hasMessageStartingWith("--sizes=1 is out of range: allowed 2..10000")
                .hasMessageContaining("--repetitions=9");
        assertThatThrownBy(() -> Options.parse("--repetitons=5")).hasMessageStartingWith("unknown argument '--repetitons'");
        assertThatThrownBy(() -> Options.parse("sizes")).hasMessageStartingWith("argument 'sizes' is not of the form --name=value");
        assertThat(Options.parse("--sizes=10, 20", "--cold=0")).satisfies(options -> {
            assertThat(options.sizes()).containsExactly(10, 20);
            assertThat(options.coldRuns()).isZero();
            assertThat(options.repetitions()).isEqualTo(9);
        });
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
