package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.Http1WireServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/1.1 burst as the server's socket sees it: one fresh connection per request, opened
 * before the release; with a withheld end, only each request's final byte leaves at the release,
 * for a GET as for a POST. The server answers each request the moment it is complete, as nginx
 * does, so a connection freed early is there for the taking: a release that reuses one shows as a
 * connection with two requests.
 *
 * <p>Each test fires {@value #BURSTS} bursts, each against a fresh server: a request written whole
 * at the release shows only when the server reads it at least two sweeps after the first complete
 * one (see {@code RecordingServer}), which one burst may not give.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Http1ReleaseWireTest {

    private static final int COUNT = 50;
    private static final int BURSTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void getBurstWithTheDefaultReleaseSendsOnlyFinalBytesAtTheRelease() {
        bursts("get", burst -> burst.prepare(i -> RequestSpec.get("/wire/get-" + i)), FINAL_BYTES_ONLY);
    }

    @Test
    void postBurstWithLastByteSendsOnlyFinalBytesAtTheRelease() {
        bursts("post", burst -> burst.release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/wire/post-" + i, "{\"order\":" + i + "}", "application/json")),
                FINAL_BYTES_ONLY);
    }

    /** A body the test frames in chunks itself ends with its last chunk's empty line, not its length. */
    @Test
    void chunkedPostWithLastByteSendsOnlyFinalBytesAtTheRelease() {
        bursts("chunked", burst -> burst.release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/wire/chunked-" + i, "{\"order\":" + i + "}", "application/json")
                        .withHeader("Transfer-Encoding", "chunked")), FINAL_BYTES_ONLY);
    }

    /** With Expect: 100-continue the body follows the server's 100, and its last byte is still held. */
    @Test
    void postExpectingContinueSendsOnlyFinalBytesAtTheRelease() {
        bursts("expect", burst -> burst.release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/wire/expect-" + i, "{\"order\":" + i + "}", "application/json")
                        .withHeader("Expect", "100-continue")), FINAL_BYTES_ONLY);
    }

    @Test
    void preconnectOpensEveryConnectionFirstAndWritesRequestsWhole() {
        bursts("preconnect", burst -> burst.release(Release.PRECONNECT).prepare(i -> RequestSpec.get("/wire/pre-" + i)),
                (server, label) -> {
                    Http1Wire.assertOneRequestPerConnection(server, COUNT);
                    Http1Wire.assertOpenedBeforeAndWhole(server);
                });
    }

    /** What to check on the server after one burst. */
    interface WireCheck {
        void check(Http1WireServer server, String label);
    }

    /** One connection per request, and nothing but final bytes left for the release. */
    private static final WireCheck FINAL_BYTES_ONLY = (server, label) -> {
        Http1Wire.assertOneRequestPerConnection(server, COUNT);
        Http1Wire.assertOnlyFinalBytesAtTheRelease(server, label);
    };

    private static void bursts(String name, UnaryOperator<Burst> configure, WireCheck check) {
        for (int b = 1; b <= BURSTS; b++) {
            String label = name + " x" + COUNT + ", burst " + b + " of " + BURSTS;
            try (Http1WireServer server = Http1WireServer.start("http1-" + name)) {
                Responses responses = configure.apply(Burst.of(COUNT).baseUrl(server.baseUrl()).timeout(TIMEOUT)).fire();
                assertThat(responses).as(label).hasSize(COUNT).noneFailed().allHaveStatus(200);
                check.check(server, label);
            }
        }
    }
}
