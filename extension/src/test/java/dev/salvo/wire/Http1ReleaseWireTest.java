package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.Http1WireServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/1.1 burst as the server's socket sees it: one fresh connection per request, opened
 * before the release; with a withheld end, only each request's final byte leaves at the release,
 * for a GET as for a POST. The server answers each request the moment it is complete, as nginx
 * does, so a connection freed early is there for the taking: a release that reuses one shows
 * as a connection with two requests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http1ReleaseWireTest {

    private static final int COUNT = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    Http1WireServer server;

    @BeforeEach
    void start() {
        server = Http1WireServer.start("http1-release");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getBurstWithTheDefaultReleaseSendsOnlyFinalBytesAtTheRelease() {
        Responses responses = burst().prepare(i -> RequestSpec.get("/wire/get-" + i)).fire();

        assertThat(responses).hasSize(COUNT).noneFailed().allHaveStatus(200);
        Http1Wire.assertOneRequestPerConnection(server, COUNT);
        Http1Wire.assertOnlyFinalBytesAtTheRelease(server, "GET x" + COUNT + ", default release");
    }

    @Test
    void postBurstWithLastByteSendsOnlyFinalBytesAtTheRelease() {
        Responses responses = burst().release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/wire/post-" + i, "{\"order\":" + i + "}", "application/json")).fire();

        assertThat(responses).hasSize(COUNT).noneFailed().allHaveStatus(200);
        Http1Wire.assertOneRequestPerConnection(server, COUNT);
        Http1Wire.assertOnlyFinalBytesAtTheRelease(server, "POST x" + COUNT + ", LAST_BYTE");
    }

    @Test
    void preconnectOpensEveryConnectionFirstAndWritesRequestsWhole() {
        Responses responses = burst().release(Release.PRECONNECT).prepare(i -> RequestSpec.get("/wire/pre-" + i)).fire();

        assertThat(responses).hasSize(COUNT).noneFailed().allHaveStatus(200);
        Http1Wire.assertOneRequestPerConnection(server, COUNT);
        Http1Wire.assertOpenedBeforeAndWhole(server);
    }

    private Burst burst() {
        return Burst.of(COUNT).baseUrl(server.baseUrl()).timeout(TIMEOUT);
    }
}
