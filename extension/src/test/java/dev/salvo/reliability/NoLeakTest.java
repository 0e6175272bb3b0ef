package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.RefusedPort;
import dev.salvo.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Many bursts leave nothing behind: after they end, the JVM's live threads and open file
 * descriptors return to where they were, and no {@code salvo-*} thread survives.
 *
 * <p>The counts are process-wide, so this class runs {@link Isolated}. The baseline is taken
 * after a warm-up burst, so that classes, jars and the test server's own threads are already
 * loaded, opened and started. The tolerance ({@value #THREAD_TOLERANCE} threads,
 * {@value #FD_TOLERANCE} descriptors) leaves room for what the JVM and the build tool do on their
 * own meanwhile (a reference-handler or attach thread, a jar opened by a late class load); a leak
 * of one client per burst would show as hundreds of threads and descriptors.
 */
@Isolated
class NoLeakTest {

    static final int THREAD_TOLERANCE = 2;
    static final int FD_TOLERANCE = 4;
    /** Generous: the awaits return as soon as their condition holds. */
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);

    @Test
    void burstFireReleasesItsClientEveryTime() {
        int bursts = 500;
        try (TestServer server = TestServer.start()) {
            Burst burst = Burst.of(4).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/" + i))
                    .timeout(Duration.ofSeconds(5));
            burst.fire();
            ProcessResources before = settledBaseline();

            long start = System.nanoTime();
            for (int i = 0; i < bursts; i++) {
                Responses responses = burst.fire();
                assertThat(responses.statusCounts()).as("burst %d", i).containsExactly(java.util.Map.entry(200, 4L));
            }
            System.out.printf("no leak | %d x Burst.fire() of 4 requests in %d ms%n", bursts,
                    (System.nanoTime() - start) / 1_000_000);

            assertReturnsTo(before);
            assertThat(server.received()).isEqualTo(4 * (bursts + 1));
        }
    }

    @Test
    void manyRoundsThroughTheAnnotationReleaseTheSharedClient() {
        try (TestServer server = TestServer.start()) {
            Burst.of(2).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/warm-up")).fire();
            ProcessResources before = settledBaseline();

            long start = System.nanoTime();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .selectors(selectClass(ManySmallBurstsTestCases.class))
                    .execute();
            System.out.printf("no leak | %d rounds of @ConcurrentRequests(count = %d) in %d ms%n",
                    ManySmallBurstsTestCases.ROUNDS, ManySmallBurstsTestCases.COUNT, (System.nanoTime() - start) / 1_000_000);

            results.testEvents().assertStatistics(stats -> stats
                    .started(ManySmallBurstsTestCases.ROUNDS).succeeded(ManySmallBurstsTestCases.ROUNDS).failed(0));
            assertReturnsTo(before);
        }
    }

    @Test
    void noSalvoThreadSurvivesFire() {
        int bursts = 50;
        try (TestServer server = TestServer.start()) {
            Burst burst = Burst.of(10).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/" + i));
            burst.fire();
            ProcessResources before = settledBaseline();

            int aliveAtReturn = 0;
            for (int i = 0; i < bursts; i++) {
                burst.fire();
                if (!ProcessResources.now().newSalvoThreadsSince(before).isEmpty()) {
                    aliveAtReturn++;
                }
                await("no salvo thread left after fire() returned").atMost(SETTLE_WITHIN)
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .untilAsserted(() -> assertThat(ProcessResources.now().newSalvoThreadsSince(before)).isEmpty());
            }
            System.out.printf("no leak | %d of %d fire() calls returned while a salvo thread was still ending%n",
                    aliveAtReturn, bursts);
        }
    }

    @Test
    void everySalvoThreadHasEndedWhenFireReturns() {
        int bursts = 100;
        try (TestServer server = TestServer.start()) {
            Burst burst = Burst.of(10).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/" + i));
            burst.fire();
            ProcessResources before = settledBaseline();

            for (int i = 0; i < bursts; i++) {
                burst.fire();
                assertThat(ProcessResources.now().newSalvoThreadsSince(before)).as("salvo threads alive when fire() #%d returned", i)
                        .isEmpty();
                await().atMost(SETTLE_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> ProcessResources.now().newSalvoThreadsSince(before).isEmpty());
            }
        }
    }

    @Test
    void faultyBurstsLeaveNothingBehind() throws Exception {
        int rounds = 10;
        try (RawServer silent = RawServer.start("leak-silent", RawServer.silent());
                RawServer cut = RawServer.start("leak-cut", RawServer.closesMidBody(1000, 10));
                RefusedPort refused = new RefusedPort()) {
            Burst toSilent = Burst.of(10).baseUrl(silent.baseUrl()).prepare(i -> RequestSpec.get("/silent/" + i))
                    .timeout(Duration.ofMillis(200));
            Burst toCut = Burst.of(10).baseUrl(cut.baseUrl()).prepare(i -> RequestSpec.get("/cut/" + i));
            Burst toRefused = Burst.of(10).baseUrl(refused.baseUrl()).prepare(i -> RequestSpec.get("/refused/" + i));
            toSilent.fire();
            toCut.fire();
            toRefused.fire();
            ProcessResources before = settledBaseline();

            for (int i = 0; i < rounds; i++) {
                assertThat(toSilent.fire().failures()).hasSize(10);
                assertThat(toCut.fire().failures()).hasSize(10);
                assertThat(toRefused.fire().failures()).hasSize(10);
            }

            assertReturnsTo(before);
            await("connections closed").atMost(SETTLE_WITHIN).untilAsserted(() -> {
                assertThat(silent.openConnections()).isZero();
                assertThat(cut.openConnections()).isZero();
            });
        }
    }

    /** Waits until two readings a moment apart agree, so that threads still ending from earlier tests are not counted. */
    private static ProcessResources settledBaseline() {
        ProcessResources[] last = {ProcessResources.now()};
        await("a stable baseline").atMost(SETTLE_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            ProcessResources now = ProcessResources.now();
            boolean stable = now.threads() == last[0].threads() && now.fileDescriptors() == last[0].fileDescriptors();
            last[0] = now;
            return stable;
        });
        System.out.println("no leak | baseline: " + last[0]);
        return last[0];
    }

    private static void assertReturnsTo(ProcessResources before) {
        await("threads and file descriptors back to the baseline " + before).atMost(SETTLE_WITHIN).untilAsserted(() -> {
            ProcessResources now = ProcessResources.now();
            assertThat(now.newSalvoThreadsSince(before)).as("salvo threads started since the baseline").isEmpty();
            assertThat(now.threads()).as("live threads (baseline %d)", before.threads())
                    .isLessThanOrEqualTo(before.threads() + THREAD_TOLERANCE);
            assertThat(now.fileDescriptors()).as("open file descriptors (baseline %d)", before.fileDescriptors())
                    .isLessThanOrEqualTo(before.fileDescriptors() + FD_TOLERANCE);
        });
        System.out.println("no leak | after: " + ProcessResources.now());
    }
}
