package dev.salvo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;

import dev.salvo.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Whole engine runs: rounds, configuration parameters, and what is left once the run ends.
 * Isolated, because it counts the JVM's threads.
 */
@Isolated
class EngineRunTest {

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
        EngineRunTestCases.serverUrl = server.baseUrl();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachRoundIsAnInvocationNamedAfterItAndFiresItsOwnBurst() {
        EngineExecutionResults results = run(EngineRunTestCases.ThreeRounds.class, Map.of());
        results.testEvents().assertThatEvents().haveExactly(1, event(displayName("round 1 of 3 (4 requests)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("round 2 of 3 (4 requests)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("round 3 of 3 (4 requests)"), finishedSuccessfully()));
        assertThat(server.received("/echo/rounds")).isEqualTo(12);
    }

    @Test
    void configurationParametersSupplyTheBaseUrlAndTheDefaultTimeout() {
        EngineExecutionResults results = run(EngineRunTestCases.ConfiguredDefaults.class,
                Map.of("salvo.base-url", server.baseUrl(), "salvo.timeout-millis", "150"));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(server.received("/delay")).isEqualTo(2);
    }

    @Test
    void anExplicitTimeoutWinsOverTheConfiguredDefault() {
        EngineExecutionResults results = run(EngineRunTestCases.ExplicitTimeoutWins.class,
                Map.of("salvo.base-url", server.baseUrl(), "salvo.timeout-millis", "50"));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void anExplicitTimeoutOfTenSecondsIsToldApartFromNotSet() {
        EngineExecutionResults results = run(EngineRunTestCases.ExplicitDefaultValueWins.class,
                Map.of("salvo.base-url", server.baseUrl(), "salvo.timeout-millis", "50"));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void roundsRunOneAfterAnotherUnderParallelExecution() {
        EngineRunTestCases.RoundsInParallelMode.RUNS.clear();
        EngineExecutionResults results = run(EngineRunTestCases.RoundsInParallelMode.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent"));
        results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
        List<long[]> runs = EngineRunTestCases.RoundsInParallelMode.RUNS.stream()
                .sorted(java.util.Comparator.comparingLong(run -> run[0])).toList();
        assertThat(runs).hasSize(6);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("round %d starts after round %d ended", i + 1, i).isGreaterThan(runs.get(i - 1)[1]);
        }
    }

    @Test
    void noThreadOutlivesTheEngineRun() {
        Set<Thread> before = salvoThreads();
        EngineExecutionResults results = run(EngineRunTestCases.ManyBursts.class, Map.of());
        results.testEvents().assertStatistics(stats -> stats.succeeded(40).failed(0));
        assertThat(server.received()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<Thread> leftover = salvoThreads();
            leftover.removeAll(before);
            assertThat(leftover).extracting(Thread::getName).isEmpty();
        });
    }

    private static Set<Thread> salvoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("salvo-"))
                .collect(Collectors.toSet());
    }

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute();
    }
}
