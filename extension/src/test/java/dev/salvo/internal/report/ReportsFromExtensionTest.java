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
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.OutputDirectoryProvider;
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

    @Test
    void withoutADirectoryOfTheirOwnReportsGoToJUnitsOutputDirectoryAndEachBurstsFilesArePublished(@TempDir Path output)
            throws IOException {
        EngineExecutionResults results;
        try (TestServer server = TestServer.start()) {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .outputDirectoryProvider(new Hierarchy(output))
                    .selectors(selectClass(PublishedTestCases.class))
                    .execute();
        }
        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

        Path reports = output.resolve("junit-jupiter").resolve("salvo-reports");
        assertThat(ReportWriterTest.count(Files.readString(reports.resolve("index.html")), "<tr class=\"burst-row")).isEqualTo(3);
        List<Path> published = results.allEvents().fileEntryPublished().stream()
                .map(event -> event.getRequiredPayload(FileEntry.class).getPath()).toList();
        // the run's directory, then per round its JSON file, and the page with the round that completes it
        assertThat(published).contains(reports);
        List<String> names = published.stream().filter(path -> !path.equals(reports))
                .map(path -> path.getFileName().toString()).toList();
        assertThat(names).containsExactlyInAnyOrder(PUBLISHED_BASE + ".once.json", PUBLISHED_BASE + ".once.html",
                PUBLISHED_BASE + ".twice.round-1.json", PUBLISHED_BASE + ".twice.round-2.json", PUBLISHED_BASE + ".twice.html");
        for (Path file : published) {
            assertThat(file).startsWith(output).exists();
        }
        Path pageCopy = published.stream().filter(path -> path.getFileName().toString().equals(PUBLISHED_BASE + ".twice.html"))
                .findFirst().orElseThrow();
        assertThat(pageCopy.getParent()).isNotEqualTo(reports);
        String copy = Files.readString(pageCopy);
        assertThat(copy).contains("<base href=\"" + reports.resolve(PUBLISHED_BASE + ".twice.html").toUri() + "\">");
        assertThat(ReportWriterTest.count(copy, "<section class=\"burst\"")).isEqualTo(2);
        Path jsonCopy = published.stream().filter(path -> path.getFileName().toString().equals(PUBLISHED_BASE + ".once.json"))
                .findFirst().orElseThrow();
        assertThat(jsonCopy).hasSameTextualContentAs(reports.resolve(PUBLISHED_BASE + ".once.json"));
    }

    @Test
    void salvoReportsDirOverridesJUnitsOutputDirectoryAndFilesAreStillPublished(@TempDir Path output) throws IOException {
        try (TestServer server = TestServer.start()) {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter(ReportSettings.DIR, dir.toString())
                    .outputDirectoryProvider(new Hierarchy(output))
                    .selectors(selectClass(PublishedTestCases.class))
                    .execute();
            results.testEvents().assertStatistics(stats -> stats.succeeded(3));
            assertThat(results.allEvents().fileEntryPublished().count()).isEqualTo(5);
        }
        assertThat(ReportWriterTest.count(Files.readString(dir.resolve("index.html")), "<tr class=\"burst-row")).isEqualTo(3);
        assertThat(output.resolve("junit-jupiter").resolve("salvo-reports")).doesNotExist();
    }

    /** The engine test kit offers no output directory by default: such runs join the run around them. */
    @Test
    void burstsOfAnEngineRunWithoutAnOutputDirectoryAreListedInTheIndexOfTheRunAroundIt() throws IOException {
        try (TestServer server = TestServer.start()) {
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .selectors(selectClass(NestedRunTestCases.class))
                    .execute().testEvents().assertStatistics(stats -> stats.succeeded(1));
        }
        Path index = Path.of("target", "junit-jupiter", "salvo-reports", "index.html");
        assertThat(Files.readString(index)).contains(NestedRunTestCases.class.getName().replace('$', '_') + ".listed.html");
    }

    private static final String PUBLISHED_BASE = "dev.salvo.internal.report.ReportsFromExtensionTest_PublishedTestCases";

    static class PublishedTestCases {

        @ConcurrentRequests(count = 2, url = "/echo/{index}")
        void once(Responses responses) {
            assertThat(responses.size()).isEqualTo(2);
        }

        @ConcurrentRequests(count = 2, url = "/echo/{index}", rounds = 2)
        void twice(Responses responses) {
            assertThat(responses.size()).isEqualTo(2);
        }
    }

    static class NestedRunTestCases {

        @ConcurrentRequests(count = 2, url = "/echo/{index}")
        void listed(Responses responses) {
            assertThat(responses.size()).isEqualTo(2);
        }
    }

    /** JUnit's layout: one directory per unique-id segment, below the root. */
    @SuppressWarnings("deprecation")
    private record Hierarchy(Path root) implements OutputDirectoryProvider {

        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            Path directory = root;
            for (UniqueId.Segment segment : descriptor.getUniqueId().getSegments()) {
                directory = directory.resolve(segment.getValue().replaceAll("[^A-Za-z0-9._-]", "_"));
            }
            return Files.createDirectories(directory);
        }
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
