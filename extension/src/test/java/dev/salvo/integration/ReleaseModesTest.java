package dev.salvo.integration;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.Burst;
import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each release mode, over HTTP/1.1 and h2c, against a real Jetty server. */
class ReleaseModesTest {

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lastByteOverHttp11WithholdsEveryBodyEndUntilTheRelease() {
        Responses responses = withheldBehindAStall(Protocol.HTTP_1_1, Release.LAST_BYTE);
        responses.asList().subList(1, 20).forEach(r ->
                assertThat(r.bodyAsString()).isEqualTo("HTTP/1.1 POST /echo/order\n{\"order\":" + r.index() + "}"));
    }

    @Test
    void lastByteOverHttp11SendsWholeRequestsCorrectly() {
        Responses responses = burst(20).release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/echo/order", "{\"order\":" + i + "}", "application/json")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("HTTP/1.1 POST /echo/order\n{\"order\":" + r.index() + "}"));
    }

    /**
     * Request 0 sends a body far larger than the socket buffers to a route that never reads it,
     * so sending it ahead cannot finish and the release waits (bounded by the 1.5 s timeout).
     * Meanwhile the server holds the other 19 header blocks, yet none of their bodies may
     * complete before the release: the gap between the last header block and the first body is
     * the whole wait.
     */
    private Responses withheldBehindAStall(Protocol protocol, Release release) {
        byte[] huge = new byte[16 * 1024 * 1024];
        Responses responses = burst(20).protocol(protocol).release(release).timeout(java.time.Duration.ofMillis(1_500))
                .prepare(i -> i == 0
                        ? RequestSpec.of("POST", "/stall").withBody(huge, "application/octet-stream")
                        : RequestSpec.post("/echo/order", "{\"order\":" + i + "}", "application/json"))
                .fire();
        assertThat(responses.get(0).failure()).isPresent();
        assertThat(responses.asList().subList(1, 20)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<Long> echoArrivals = server.arrivals().stream().sorted().toList();
        long lastHeaders = echoArrivals.get(echoArrivals.size() - 1);
        long firstBody = Collections.min(server.bodiesRead());
        assertThat(java.time.Duration.ofNanos(firstBody - lastHeaders)).isGreaterThan(java.time.Duration.ofMillis(500));
        return responses;
    }

    @Test
    void lastByteWorksForOneByteBodies() {
        Responses responses = burst(5).release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/echo/one", "x", "text/plain")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(responses.get(4).bodyAsString()).isEqualTo("HTTP/1.1 POST /echo/one\nx");
    }

    @Test
    void lastByteOverHttp11HoldsTheFinalByteOfRequestsWithoutABody() {
        Responses responses = burst(3).release(Release.LAST_BYTE).prepare(i -> RequestSpec.get("/echo/nobody-" + i)).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("HTTP/1.1 GET /echo/nobody-" + r.index()));
        assertThat(responses.connections()).isEqualTo(3);
        assertThat(responses.releaseWrites()).isEqualTo(3);
        assertThat(responses.answeredBeforeRelease()).isEmpty();
        assertThat(responses.releasedWhole()).as("requests the release wrote whole").isEmpty();
    }

    @Test
    void lastByteCannotBeCombinedWithACap() {
        Burst burst = Burst.of(10).maxInFlight(2).release(Release.LAST_BYTE).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.post("/echo/capped", "b", "text/plain"));
        assertThatThrownBy(burst::fire).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be combined with 'maxInFlight' = 2");
        assertThat(server.received()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void http2CarriesEveryRequestInEveryMode(Release release) {
        Responses responses = burst(30).protocol(Protocol.HTTP_2).release(release)
                .prepare(i -> RequestSpec.get("/echo/h2-" + i)).fire();
        assertThat(responses).hasSize(30).noneFailed().allHaveStatus(200);
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("HTTP/2.0 GET /echo/h2-" + r.index()));
        assertThat(responses.releasedWhole()).as("streams the release wrote whole")
                .hasSize(release == Release.PRECONNECT ? 30 : 0);
    }

    @Test
    void http2WithholdsEveryEndStreamUntilTheRelease() {
        Responses responses = withheldBehindAStall(Protocol.HTTP_2, Release.LAST_BYTE);
        responses.asList().subList(1, 20).forEach(r ->
                assertThat(r.bodyAsString()).isEqualTo("HTTP/2.0 POST /echo/order\n{\"order\":" + r.index() + "}"));
    }

    @Test
    void http2SendsBodiesWholeWhenReleased() {
        Responses responses = burst(20).protocol(Protocol.HTTP_2).release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/echo/h2-post", "body-" + i, "text/plain")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("HTTP/2.0 POST /echo/h2-post\nbody-" + r.index()));
    }

    @Test
    void autoWithholdsBodyEnds() {
        withheldBehindAStall(Protocol.HTTP_1_1, Release.AUTO);
    }

    @Test
    void preconnectSendsWholeRequestsAtTheRelease() {
        Responses responses = burst(20).release(Release.PRECONNECT).timeout(java.time.Duration.ofSeconds(30))
                .prepare(i -> RequestSpec.post("/echo/pre", "b" + i, "text/plain")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(responses.releasedWhole()).as("requests the release wrote whole").hasSize(20)
                .extracting(RequestResult::index).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void aBurstWithoutOneReleaseHasNothingReleasedWhole() {
        Responses capped = burst(10).maxInFlight(3).prepare(i -> RequestSpec.get("/echo/capped-" + i)).fire();
        Responses unbarred = burst(10).barrier(false).prepare(i -> RequestSpec.get("/echo/unbarred-" + i)).fire();
        assertThat(capped).noneFailed();
        assertThat(unbarred).noneFailed();
        assertThat(capped.releasedWhole()).as("a capped burst: requests go out as room frees").isEmpty();
        assertThat(unbarred.releasedWhole()).as("no barrier: each request goes out when prepared").isEmpty();
    }

    @Test
    void everyResultRecordsItsSendTime() {
        Responses responses = burst(10).prepare(i -> RequestSpec.get("/echo/sent")).fire();
        List<Boolean> sent = responses.stream().map(r -> r.timeline().sent().isPresent()).toList();
        assertThat(sent).containsOnly(true);
        assertThat(responses.sendSpread()).isPositive();
    }

    private Burst burst(int count) {
        return Burst.of(count).baseUrl(server.baseUrl());
    }
}
