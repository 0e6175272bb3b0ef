package dev.salvo.truthful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.Burst;
import dev.salvo.PreparationException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.RefusedPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What Salvo's client sends is what the test described, and what it keeps is what the server
 * answered: checked byte by byte on a plain-socket server.
 */
class TruthfulExchangeTest {

    private static final byte[] OK = WireServer.response("HTTP/1.1 200 OK\nContent-Length: 2", "ok".getBytes(StandardCharsets.US_ASCII));

    private static Responses fire(WireServer server, int count, RequestSpec spec) {
        return Burst.of(count).baseUrl(server.baseUrl()).timeout(Duration.ofSeconds(10)).prepare(i -> spec).fire();
    }

    @Test
    void sendsOnlyTheTestsHeadersPlusHostAndOneUserAgent() {
        try (WireServer server = WireServer.start(request -> OK)) {
            Responses responses = fire(server, 2, RequestSpec.get("/plain").withHeader("X-Trace", "t-1"));

            assertThat(responses.statusCounts()).containsEntry(200, 2L);
            assertThat(server.received()).hasSize(2).allSatisfy(request -> {
                assertThat(request.headerNames()).containsExactlyInAnyOrder("host", "user-agent", "x-trace");
                assertThat(request.headerLines()).contains("X-Trace: t-1").filteredOn(l -> l.startsWith("User-Agent"))
                        .singleElement().asString().matches("User-Agent: salvo/\\S+");
            });
        }
    }

    @Test
    void aBodyAddsOnlyItsLengthAndTheContentTypeTheTestGave() {
        try (WireServer server = WireServer.start(request -> OK)) {
            fire(server, 1, RequestSpec.of("PUT", "/raw").withBody(new byte[] {1, 2, 3}, null));
            fire(server, 1, RequestSpec.post("/json", "{}", "application/json"));

            assertThat(server.received().get(0).headerNames()).containsExactlyInAnyOrder("host", "user-agent", "content-length");
            assertThat(server.received().get(0).body()).containsExactly(1, 2, 3);
            assertThat(server.received().get(1).headerLines()).contains("Content-Type: application/json", "Content-Length: 2");
            assertThat(server.received().get(1).headerNames()).containsExactlyInAnyOrder("host", "user-agent", "content-length",
                    "content-type");
        }
    }

    @Test
    void theTestMayReplaceOrRemoveTheUserAgent() {
        try (WireServer server = WireServer.start(request -> OK)) {
            fire(server, 1, RequestSpec.get("/replaced").withHeader("user-agent", "my-agent/2"));
            fire(server, 1, RequestSpec.get("/removed").withoutHeader("User-Agent"));

            assertThat(server.received().get(0).headerLines()).filteredOn(l -> l.toLowerCase().startsWith("user-agent"))
                    .containsExactly("User-Agent: my-agent/2");
            assertThat(server.received().get(1).headerNames()).containsExactly("host");
        }
    }

    @Test
    void a401WithoutAChallengeIsAResponse() {
        byte[] body = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        try (WireServer server = WireServer.start(request -> WireServer.response(
                "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\nContent-Length: " + body.length, body))) {
            Responses responses = fire(server, 3, RequestSpec.get("/private"));

            assertThat(responses.failures()).isEmpty();
            assertThat(responses.statusCounts()).containsExactly(java.util.Map.entry(401, 3L));
            assertThat(responses.get(0).bodyAsString()).isEqualTo("{\"error\":\"unauthorized\"}");
        }
    }

    @Test
    void a401WithAChallengeKeepsItsWholeBody() {
        byte[] body = new byte[40 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (WireServer server = WireServer.start(request -> WireServer.response("HTTP/1.1 401 Unauthorized\n"
                + "WWW-Authenticate: Basic realm=\"test\"\nContent-Length: " + body.length, body))) {
            Responses responses = fire(server, 2, RequestSpec.get("/private"));

            assertThat(responses.failures()).isEmpty();
            assertThat(server.received()).as("no second attempt with credentials").hasSize(2);
            for (RequestResult result : responses) {
                assertThat(result.status()).isEqualTo(401);
                assertThat(result.header("WWW-Authenticate")).hasValue("Basic realm=\"test\"");
                assertThat(result.body()).isEqualTo(body);
            }
        }
    }

    @Test
    void compressedBodiesAndTheirHeadersArriveAsSent() throws IOException {
        byte[] plain = "hello, hello, hello, hello".getBytes(StandardCharsets.UTF_8);
        byte[] gzipped = gzip(plain);
        try (WireServer server = WireServer.start(request -> WireServer.response("HTTP/1.1 200 OK\nContent-Encoding: gzip\n"
                + "Content-Type: text/plain\nContent-Length: " + gzipped.length, gzipped))) {
            RequestResult result = fire(server, 1, RequestSpec.get("/gz")).get(0);

            assertThat(server.received().get(0).headerNames()).doesNotContain("accept-encoding");
            assertThat(result.header("Content-Encoding")).hasValue("gzip");
            assertThat(result.header("Content-Length")).hasValue(String.valueOf(gzipped.length));
            assertThat(result.body()).isEqualTo(gzipped);
            // A test that wants the text decodes it itself:
            // tag::decode-gzip[]
            byte[] text = new GZIPInputStream(new ByteArrayInputStream(result.body())).readAllBytes();
            // end::decode-gzip[]
            assertThat(text).isEqualTo(plain);
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        try (WireServer server = WireServer.start(request -> WireServer.response(
                "HTTP/1.1 302 Found\nLocation: /elsewhere\nContent-Length: 0", new byte[0]))) {
            Responses responses = fire(server, 2, RequestSpec.get("/moved"));

            assertThat(responses.statusCounts()).containsExactly(java.util.Map.entry(302, 2L));
            assertThat(responses.get(0).header("Location")).hasValue("/elsewhere");
            assertThat(server.received()).extracting(WireServer.Received::target).containsExactly("/moved", "/moved");
        }
    }

    @Test
    void nonAsciiInPathAndQueryIsSentAsUtf8PercentEncoding() {
        try (WireServer server = WireServer.start(request -> OK)) {
            fire(server, 1, RequestSpec.get("/caf\u00e9/\u20ac?q=\u00fcber&x=%20"));

            assertThat(server.received().get(0).target()).isEqualTo("/caf%C3%A9/%E2%82%AC?q=%C3%BCber&x=%20");
        }
    }

    @Test
    void controlCharactersInHeaderValuesAreRefusedBeforeAnythingIsSent() {
        for (String value : new String[] {"a\u0000b", "a\u0001b", "a\rb", "a\nb", "a\u007fb", "\u20ac"}) {
            assertThatThrownBy(() -> RequestSpec.get("/x").withHeader("X-Trace", value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("header 'X-Trace'")
                    .hasMessageContaining(String.format("U+%04X", (int) value.charAt(value.length() == 1 ? 0 : 1)));
        }
        try (WireServer server = WireServer.start(request -> OK)) {
            assertThatThrownBy(() -> Burst.of(3).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/x").withHeader("X-Trace", "nul\u0000" + i)).fire())
                    .isInstanceOf(PreparationException.class)
                    .hasMessageContaining("header 'X-Trace' has the control character U+0000");
            assertThat(server.connections()).as("nothing was sent, not even a connection opened").isZero();
        }
        assertThat(RequestSpec.get("/x").withHeader("X-Tab", "a\tb").headers()).containsEntry("X-Tab", java.util.List.of("a\tb"));
    }

    @Test
    void aContentLengthTheTestSetIsHonouredWhenItMatchesTheBody() {
        try (WireServer server = WireServer.start(request -> OK)) {
            Responses responses = fire(server, 2, RequestSpec.post("/len", "hello", "text/plain").withHeader("Content-Length", "5"));

            assertThat(responses.failures()).isEmpty();
            assertThat(server.received()).allSatisfy(request -> {
                assertThat(request.headerNames()).containsOnlyOnce("content-length");
                assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            });
        }
    }

    @Test
    void aContentLengthTheTestSetIsHonouredWhenTheLastByteIsWithheldToo() {
        try (WireServer server = WireServer.start(request -> OK)) {
            Responses responses = Burst.of(2).baseUrl(server.baseUrl()).release(dev.salvo.Release.LAST_BYTE)
                    .prepare(i -> RequestSpec.post("/len", "hello", "text/plain").withHeader("Content-Length", "5")).fire();

            assertThat(responses.failures()).isEmpty();
            assertThat(server.received()).hasSize(2).allSatisfy(request -> {
                assertThat(request.headerLines()).filteredOn(l -> l.regionMatches(true, 0, "content-length", 0, 14))
                        .containsExactly("Content-Length: 5");
                assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            });
        }
    }

    @Test
    void aContentLengthThatDoesNotMatchIsRefusedInWords() {
        RequestSpec spec = RequestSpec.post("/len", "hello", "text/plain");
        assertThatThrownBy(() -> spec.withHeader("Content-Length", "9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header 'Content-Length' = ['9'] does not match the body of 5 bytes")
                .hasMessageContaining("set it to 5");
        assertThatThrownBy(() -> RequestSpec.of("POST", "/len").withHeader("Content-Length", "3"))
                .hasMessageContaining("set the body first");
        assertThatThrownBy(() -> RequestSpec.of("POST", "/len").withHeader("Content-Length", "0")
                .withBody(new byte[4], null)).hasMessageContaining("does not match the body of 4 bytes");
    }

    @Test
    void aUrlWithUserInfoIsRefusedBeforeAnythingIsSentAndNeverPrinted() {
        try (WireServer server = WireServer.start(request -> OK)) {
            String url = server.baseUrl().replace("http://", "http://alice:pw-9f2e@") + "/private";

            assertThatThrownBy(() -> Burst.of(2).prepare(i -> RequestSpec.get(url)).fire())
                    .isInstanceOf(PreparationException.class)
                    .hasMessageContaining("carries user info (user:password@), which Salvo does not send")
                    .hasMessageContaining("http://****@127.0.0.1")
                    .hasMessageNotContaining("pw-9f2e").hasMessageNotContaining("alice");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void aBurstWhereNothingWasSentSaysSo() {
        Responses responses;
        try (RefusedPort refused = new RefusedPort()) {
            responses = Burst.of(3).baseUrl(refused.baseUrl()).prepare(i -> RequestSpec.get("/x"))
                    .timeout(Duration.ofSeconds(5)).fire();
        }

        assertThat(responses.failures()).hasSize(3);
        assertThat(responses.toString()).isEqualTo("3 requests, 3 failed, nothing was sent");
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
