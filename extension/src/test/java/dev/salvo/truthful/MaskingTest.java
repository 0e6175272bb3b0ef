package dev.salvo.truthful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.Burst;
import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.assertj.SalvoAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Credentials in query parameters and headers never show where Salvo writes: strings,
 * assertion messages, report entries, JSON and HTML reports. Each check first makes sure the
 * secret really went to, or came from, a real server, so that it can fail.
 */
class MaskingTest {

    private static final byte[] ANSWER = WireServer.response("HTTP/1.1 500 Server Error\nX-Api-Key: resp-key-5e1\n"
            + "X-Session: resp-session-7a0\nContent-Length: 0", new byte[0]);

    @TempDir
    Path dir;

    @Test
    void builtInNamesAreMaskedInStringsAndAssertionMessages() {
        try (WireServer server = WireServer.start(request -> ANSWER)) {
            Responses responses = Burst.of(2).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/orders?Access_Token=q-tok-91&page=2&sig=q-sig-22")
                            .withHeader("X-Api-Key", "h-key-13").withHeader("X-Auth-Token", "h-auth-14"))
                    .fire();

            assertThat(server.received()).allSatisfy(request -> assertThat(request.head())
                    .contains("q-tok-91", "q-sig-22", "h-key-13", "h-auth-14"));
            assertThat(responses.get(0).header("X-Api-Key")).hasValue("resp-key-5e1");
            List<String> secrets = List.of("q-tok-91", "q-sig-22", "h-key-13", "h-auth-14", "resp-key-5e1");
            for (RequestResult result : responses) {
                assertThat(result.toString()).contains("Access_Token=****", "page=2").doesNotContain(secrets);
                assertThat(result.request().toString()).contains("X-Api-Key: ****").doesNotContain(secrets);
            }
            assertThatThrownBy(() -> SalvoAssertions.assertThat(responses).allHaveStatus(200))
                    .satisfies(error -> assertThat(error.getMessage()).doesNotContain(secrets));
        }
    }

    @Test
    void aBurstMasksItsOwnExtraNamesAndParallelBurstsDoNotShareThem() throws Exception {
        try (WireServer server = WireServer.start(request -> ANSWER)) {
            CompletableFuture<Responses> masked = CompletableFuture.supplyAsync(() -> Burst.of(3).baseUrl(server.baseUrl())
                    .mask(Set.of("X-Session"), Set.of("session_id"))
                    .prepare(i -> RequestSpec.get("/a?session_id=sid-A-" + i).withHeader("X-Session", "hdr-A")).fire());
            CompletableFuture<Responses> plain = CompletableFuture.supplyAsync(() -> Burst.of(3).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/b?session_id=sid-B-" + i).withHeader("X-Session", "hdr-B")).fire());

            for (RequestResult result : masked.get()) {
                assertThat(result.request().maskedHeaders()).containsExactly("x-session");
                assertThat(result.toString()).contains("session_id=****").doesNotContain("sid-A");
                assertThat(result.request().toString()).contains("X-Session: ****").doesNotContain("hdr-A");
            }
            for (RequestResult result : plain.get()) {
                assertThat(result.toString()).contains("session_id=sid-B-" + result.index());
                assertThat(result.request().toString()).contains("X-Session: hdr-B");
            }
            assertThat(server.received()).anySatisfy(request -> assertThat(request.target()).startsWith("/a?session_id=sid-A-"));
        }
        assertThatThrownBy(() -> Burst.of(1).mask(Set.of("bad name"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Burst: 'bad name' cannot be a header name");
    }

    @Test
    void configuredNamesAreMaskedInReportsReportEntriesAndAssertionMessages() throws IOException {
        EngineExecutionResults results;
        try (WireServer server = WireServer.start(request -> ANSWER)) {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter("salvo.reports.dir", dir.toString())
                    .configurationParameter("salvo.secrets.headers", " X-Session , X-Other")
                    .configurationParameter("salvo.secrets.query-parameters", "session_id")
                    .selectors(selectClass(MaskedTestCases.class))
                    .execute();
            assertThat(server.received()).hasSize(2).allSatisfy(request -> assertThat(request.head())
                    .contains("sid-cfg-31", "hdr-cfg-32", "pw-cfg-33"));
        }

        List<String> secrets = List.of("sid-cfg-31", "hdr-cfg-32", "pw-cfg-33", "resp-session-7a0", "resp-key-5e1");
        results.testEvents().assertStatistics(stats -> stats.failed(1));
        Throwable failure = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(failure.getMessage()).contains("Expected all 2 responses").doesNotContain(secrets);
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class).getKeyValuePairs())
                .map(Map::values).flatMap(java.util.Collection::stream).toList();
        assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry).doesNotContain(secrets));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> written = files.toList();
            assertThat(written).anySatisfy(file -> assertThat(file.toString()).endsWith(".json"));
            for (Path file : written) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text).as(file.toString()).doesNotContain(secrets);
                if (file.toString().endsWith(".json")) {
                    assertThat(text).contains("session_id=****", "password=****");
                }
            }
        }
    }

    static class MaskedTestCases {

        @PrepareRequest
        RequestSpec request(int index) {
            return RequestSpec.get("/cfg?session_id=sid-cfg-31&password=pw-cfg-33").withHeader("X-Session", "hdr-cfg-32");
        }

        @ConcurrentRequests(count = 2)
        void burst(Responses responses) {
            SalvoAssertions.assertThat(responses).allHaveStatus(200);
        }
    }
}
