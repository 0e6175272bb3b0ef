package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import dev.salvo.assertj.SalvoAssertions;
import dev.salvo.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @ConcurrentRequests} methods run by the engine leave reports and a report entry per round. */
class ReportsFromExtensionTest {

    /** The nested class's name, {@code $} made {@code _}. */
    private static final String PAGE_BASE = "dev.salvo.internal.report.ReportsFromExtensionTest_ReportsTestCases";

    @TempDir
    Path dir;

    @Test
    void everyRoundIsReportedWithItsOutcome() throws IOException {
        EngineExecutionResults results;
        try (TestServer server = TestServer.start()) {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter(ReportSettings.DIR, dir.toString())
                    .selectors(selectClass(ReportsTestCases.class))
                    .execute();
        }

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(2));
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .map(Map::entrySet).flatMap(java.util.Set::stream)
                .filter(entry -> entry.getKey().equals("salvo")).map(Map.Entry::getValue).toList();
        assertThat(entries).hasSize(4).allSatisfy(entry -> assertThat(entry).contains(", report " + dir.toAbsolutePath()));
        assertThat(entries).anySatisfy(entry -> assertThat(entry).startsWith("round 2 of 2: 5 requests, 5\u00d7200, sent within"));

        String twoRounds = Files.readString(dir.resolve(PAGE_BASE + ".twoRounds.html"));
        assertThat(ReportWriterTest.count(twoRounds, "<section class=\"burst\"")).isEqualTo(2);
        assertThat(ReportWriterTest.rows(twoRounds)).hasSize(10);
        String fails = Files.readString(dir.resolve(PAGE_BASE + ".fails.html"));
        assertThat(fails).contains("test failed", "AssertionError: the server answered 500");
        assertThat(ReportWriterTest.count(Files.readString(dir.resolve("index.html")), "<tr class=\"burst-row")).isEqualTo(4);

        Path assertionPage = dir.toAbsolutePath().resolve(PAGE_BASE + ".assertionNamesTheReport.html");
        Throwable assertionFailure = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .filter(thrown -> thrown.getMessage().contains("Burst: "))
                .findFirst().orElseThrow();
        assertThat(assertionFailure.getMessage()).endsWith("\nReport: " + assertionPage);
        assertThat(assertionPage).exists();
    }

    static class ReportsTestCases {

        @ConcurrentRequests(count = 5, url = "/echo/{index}", rounds = 2)
        void twoRounds(Responses responses) {
            assertThat(responses.size()).isEqualTo(5);
            assertThat(responses.reportFile()).hasValueSatisfying(page -> assertThat(page)
                    .isAbsolute().hasFileName(PAGE_BASE + ".twoRounds.html"));
        }

        @ConcurrentRequests(count = 2, url = "/status/500")
        void assertionNamesTheReport(Responses responses) {
            SalvoAssertions.assertThat(responses).allHaveStatus(200);
        }

        @ConcurrentRequests(count = 3, url = "/status/500")
        void fails(Responses responses) {
            throw new AssertionError("the server answered " + responses.get(0).status());
        }
    }
}
