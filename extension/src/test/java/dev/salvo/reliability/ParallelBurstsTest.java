package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Sixteen burst tests at once under JUnit's parallel mode, each against its own server, sharing
 * the engine run's one client: every test succeeds and sees only its own server's answers.
 */
class ParallelBurstsTest {

    @Test
    void sixteenBurstsAtOnceEachSeeOnlyTheirOwnServer() {
        long start = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "16")
                .selectors(selectClass(ParallelBurstsTestCases.class))
                .execute();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        results.testEvents().failed().stream().forEach(event -> System.out.printf("parallel | FAILED %s: %s%n",
                event.getTestDescriptor().getDisplayName(), event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?")));
        results.testEvents().assertStatistics(stats -> stats
                .started(ParallelBurstsTestCases.BURSTS).succeeded(ParallelBurstsTestCases.BURSTS).failed(0));

        List<Map<String, String>> windows = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(pairs -> pairs.containsKey("started"))
                .toList();
        assertThat(windows).hasSize(ParallelBurstsTestCases.BURSTS);
        Instant lastStart = windows.stream().map(w -> Instant.parse(w.get("started"))).max(Comparator.naturalOrder()).orElseThrow();
        Instant firstAnswered = windows.stream().map(w -> Instant.parse(w.get("answered"))).min(Comparator.naturalOrder()).orElseThrow();
        System.out.printf("parallel | %d bursts in %d ms; last burst started %s, first finished %s%n",
                windows.size(), elapsedMillis, lastStart, firstAnswered);
        assertThat(lastStart).as("every burst started before any finished: all %d ran at once", windows.size())
                .isBefore(firstAnswered);
    }
}
