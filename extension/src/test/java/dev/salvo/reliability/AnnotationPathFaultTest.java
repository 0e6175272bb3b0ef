package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The same guarantee through {@code @ConcurrentRequests}: against a server that cuts every body
 * short, the test method receives all 50 results, each a failure at its own index, in bounded time.
 */
class AnnotationPathFaultTest {

    @Test
    void testMethodReceivesEveryResultOfAFaultyBurst() {
        try (RawServer server = RawServer.start("annotation-cut", RawServer.cutsSome("unused"))) {
            long start = System.nanoTime();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .selectors(selectClass(FaultyServerTestCases.class))
                    .execute();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
            Map<String, String> reported = results.allEvents().reportingEntryPublished().stream()
                    .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                    .flatMap(pairs -> pairs.entrySet().stream())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + "\n" + b));
            System.out.println("annotation path | " + elapsed.toMillis() + " ms | " + reported);
            assertThat(reported).containsEntry("results", "50").containsEntry("failed", "50");
            assertThat(reported.get("salvo")).as("Salvo's own report entry").startsWith("50 requests, 50 failed");
            assertThat(server.requests()).as("requests the server read").isEqualTo(FaultyServerTestCases.COUNT);
            assertThat(elapsed).isLessThan(BurstChecks.generousBound(Duration.ofMillis(FaultyServerTestCases.TIMEOUT_MILLIS)));
        }
    }
}
