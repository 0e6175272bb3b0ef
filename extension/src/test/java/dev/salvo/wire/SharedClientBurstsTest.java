package dev.salvo.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.testing.IdleTimeoutJettyServer;
import dev.salvo.testing.JdkTestServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Nothing spurious on a shared client: in one engine run (so on the one client the extension
 * shares), three bursts of 2 000 at once and then ten bursts of 20, with zero failed results.
 *
 * <p>Against the JDK's {@code HttpServer} with its defaults (but a backlog of 4 096): it keeps at
 * most 200 idle connections and closes the others right after answering, so a request written
 * into a connection that already carried an answer can be lost, through no fault of the server's.
 * Against embedded Jetty with a short idle timeout, 500 at a time.
 *
 * <p>Isolated: it holds thousands of sockets open at once, and its file-descriptor budget is
 * computed for this process alone.
 */
@Isolated
class SharedClientBurstsTest {

    private static final int WANTED = 2_000;
    /** Descriptors left for the JVM, jars and the build tool beside the burst's sockets. */
    private static final long SPARE_DESCRIPTORS = 512;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void jdkHttpServerThreeBurstsOfTwoThousandThenSmallBurstsOnOneClient() {
        int count = largestCountThatFits();
        Class<?> fixture = switch (count) {
            case 2_000 -> SharedClientTestCases.TwoThousand.class;
            case 1_000 -> SharedClientTestCases.OneThousand.class;
            default -> SharedClientTestCases.FiveHundred.class;
        };
        try (JdkTestServer server = JdkTestServer.start(4_096, 4)) {
            long start = System.nanoTime();
            EngineExecutionResults results = EngineRuns.run(fixture, server.baseUrl());
            report("JDK HttpServer", count, results, start);
            assertNoneFailed(results);
            assertThat(server.received()).as("requests the server received")
                    .isEqualTo(SharedClientTestCases.BIG_ROUNDS * count + smallRequests());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void jettyWithAShortIdleTimeoutThreeBurstsOfFiveHundredThenSmallBurstsOnOneClient() {
        try (IdleTimeoutJettyServer server = IdleTimeoutJettyServer.start(Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            EngineExecutionResults results = EngineRuns.run(SharedClientTestCases.FiveHundred.class, server.baseUrl());
            report("Jetty, 1 s idle timeout", 500, results, start);
            assertNoneFailed(results);
            assertThat(server.received()).as("requests the server received")
                    .isEqualTo(SharedClientTestCases.BIG_ROUNDS * 500 + smallRequests());
        }
    }

    private static int smallRequests() {
        return SharedClientTestCases.BigThenSmall.SMALL * SharedClientTestCases.BigThenSmall.SMALL_ROUNDS;
    }

    private static void assertNoneFailed(EngineExecutionResults results) {
        long failed = results.testEvents().failed().count();
        assertThat(failed).as("rounds with failed requests:%n%s", EngineRuns.failures(results)).isZero();
        results.testEvents().assertStatistics(stats -> stats.started(SharedClientTestCases.BIG_ROUNDS
                + SharedClientTestCases.BigThenSmall.SMALL_ROUNDS).succeeded(SharedClientTestCases.BIG_ROUNDS
                + SharedClientTestCases.BigThenSmall.SMALL_ROUNDS));
    }

    private static void report(String server, int count, EngineExecutionResults results, long start) {
        System.out.printf("wire | shared client, %s | %d x %d then %d x %d in %d ms: %d round(s) failed%n%s%n", server,
                SharedClientTestCases.BIG_ROUNDS, count, SharedClientTestCases.BigThenSmall.SMALL_ROUNDS,
                SharedClientTestCases.BigThenSmall.SMALL, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                results.testEvents().failed().count(), EngineRuns.failures(results));
    }

    /**
     * Client and server sockets live in this one process: a burst of N needs 2N descriptors.
     *
     * @return 2 000 when the descriptor limit allows it, else 1 000 or 500, said on the output
     */
    private static int largestCountThatFits() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
            return WANTED;
        }
        long max = unix.getMaxFileDescriptorCount();
        long open = unix.getOpenFileDescriptorCount();
        for (int count : new int[] {WANTED, 1_000, 500}) {
            if (open + 2L * count + SPARE_DESCRIPTORS <= max) {
                if (count < WANTED) {
                    System.out.printf("wire | shared client | the descriptor limit (ulimit -n = %d, %d open) leaves room for"
                            + " bursts of %d, not %d: running with %d; raise it to at least %d for the full test%n",
                            max, open, count, WANTED, count, open + 2L * WANTED + SPARE_DESCRIPTORS);
                }
                return count;
            }
        }
        assumeTrue(false, "the descriptor limit (ulimit -n = " + max + ", " + open + " open) leaves no room for even a"
                + " burst of 500 (client and server sockets in this process need 2 per request, plus "
                + SPARE_DESCRIPTORS + "); raise it to at least " + (open + 2L * WANTED + SPARE_DESCRIPTORS));
        return 0;
    }
}
