package dev.salvo.integration;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/** The annotation path end to end, against a real Jetty server on port 0. */
class ConcurrentRequestsTest {

    static TestServer server;

    String token;

    @BaseUrl
    static String baseUrl() {
        return server.baseUrl();
    }

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void login() {
        token = UUID.randomUUID().toString();
    }

    @ConcurrentRequests(count = 10, url = "/echo/item-{index}")
    void urlTemplateReplacesTheIndex(Responses responses) {
        assertThat(responses).hasSize(10).noneFailed().allHaveStatus(200);
        for (RequestResult result : responses) {
            assertThat(result.bodyAsString()).isEqualTo("HTTP/1.1 GET /echo/item-" + result.index());
            assertThat(result.request().uri()).isEqualTo("/echo/item-" + result.index());
        }
    }

    @ConcurrentRequests(count = 5, method = "DELETE", url = "/echo/x")
    void methodAttributeIsUsed(Responses responses) {
        assertThat(responses.stream().map(RequestResult::bodyAsString)).containsOnly("HTTP/1.1 DELETE /echo/x");
    }

    /** Named by 'prepare', not annotated: the class's other methods use 'url'. */
    RequestSpec withToken(int index) {
        return RequestSpec.post("/echo/orders", "{\"n\":" + index + "}", "application/json")
                .withHeader("X-Token", token);
    }

    @ConcurrentRequests(count = 8, prepare = "withToken")
    void preparationRunsAfterBeforeEachAndSeesItsState(Responses responses) {
        assertThat(responses).noneFailed().allHaveStatus(200);
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("HTTP/1.1 POST /echo/orders\n{\"n\":" + r.index() + "}"));
        assertThat(responses.stream().map(r -> r.request().headers().get("X-Token").get(0))).containsOnly(token);
    }

    RequestSpec slowLookup(int index) throws InterruptedException {
        Thread.sleep(30 + (index % 5) * 10L); // a blocking lookup, as a database would do
        return RequestSpec.get("/echo/student-" + index);
    }

    @ConcurrentRequests(count = 20, prepare = "slowLookup", prepareThreads = 5)
    void withABarrierNothingIsReleasedBeforeEverythingIsPrepared(Responses responses) {
        assertThat(responses).noneFailed().allHaveStatus(200);
        Duration lastPrepared = responses.stream().map(r -> r.timeline().prepared().orElseThrow()).max(Duration::compareTo).orElseThrow();
        Duration firstReleased = responses.stream().map(r -> r.timeline().released().orElseThrow()).min(Duration::compareTo).orElseThrow();
        assertThat(firstReleased).isGreaterThanOrEqualTo(lastPrepared);
    }

    @ConcurrentRequests(count = 20, prepare = "slowLookup", prepareThreads = 5, barrier = false)
    void withoutABarrierEachRequestLeavesWhenItIsPrepared(Responses responses) {
        assertThat(responses).noneFailed().allHaveStatus(200);
        Duration lastPrepared = responses.stream().map(r -> r.timeline().prepared().orElseThrow()).max(Duration::compareTo).orElseThrow();
        Duration firstReleased = responses.stream().map(r -> r.timeline().released().orElseThrow()).min(Duration::compareTo).orElseThrow();
        assertThat(firstReleased).isLessThan(lastPrepared);
    }

    @ConcurrentRequests(count = 6, url = "/delay?ms=3000", timeoutMillis = 200)
    void aSlowServerBecomesTimeoutFailures(Responses responses) {
        assertThat(responses).hasSize(6);
        assertThat(responses.failures()).hasSize(6);
        responses.forEach(r -> {
            assertThat(r.hasResponse()).isFalse();
            assertThat(r.failure()).get().isInstanceOf(TimeoutException.class);
            assertThat(r.timeline().latency().orElseThrow()).as("ended by the timeout, before the server's answer")
                    .isLessThan(Duration.ofMillis(3000));
        });
    }

    @ConcurrentRequests(count = 5, url = "/status/503")
    void serverErrorsAreResponsesWithTheirStatus(Responses responses) {
        assertThat(responses).noneFailed().allHaveStatus(503).hasStatusCount(503, 5);
        assertThat(responses.statusCounts()).containsExactly(java.util.Map.entry(503, 5L));
    }

    @ConcurrentRequests(count = 3, url = "http://127.0.0.1:1/closed", timeoutMillis = 2_000)
    void aRefusedConnectionIsAFailurePerRequest(Responses responses) {
        assertThat(responses).hasSize(3);
        assertThat(responses.failures()).hasSize(3);
        responses.forEach(r -> assertThat(r.failure()).get().isInstanceOf(ConnectException.class));
    }

    @RaceOfFive
    void composedAnnotationsWork(Responses responses) {
        assertThat(responses).hasSize(5).allHaveStatus(200);
    }

    @ConcurrentRequests(count = 4, url = "/echo/info")
    void responsesSitsBesideOtherParameters(TestInfo info, Responses responses) {
        assertThat(info.getDisplayName()).isEqualTo("4 requests");
        assertThat(responses).hasSize(4);
    }

    @ConcurrentRequests(count = 1, url = "/bytes?n=100000")
    void largeBodiesArriveWhole(Responses responses) {
        assertThat(responses.get(0).body()).hasSize(100_000);
        assertThat(responses.get(0).header("content-type")).isEqualTo(Optional.of("application/octet-stream"));
    }

    @ConcurrentRequests(count = 1, url = "/headers")
    void requestsIdentifyThemselvesAndCarryNoCookies(Responses responses) {
        assertThat(responses.get(0).bodyAsString()).contains("User-Agent: salvo").doesNotContain("Cookie");
    }

    @Nested
    class InANestedClass {
        @ConcurrentRequests(count = 3, url = "/echo/nested")
        void theEnclosingBaseUrlApplies(Responses responses) {
            assertThat(responses).allHaveStatus(200);
        }
    }
}
