package dev.salvo.reliability;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.salvo.Burst;
import dev.salvo.Release;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers before a request's end defeats withholding; the result says so. A raw
 * server that answers each request head at once, without reading the body, answers while the
 * body's last byte is still held back; the JDK's server, reading the body first, answers after.
 * Each bound is an order of events, not a time.
 */
class EarlyAnswerTest {

    private HttpServer server;
    private ExecutorService handlers;

    @BeforeEach
    void start() throws IOException {
        handlers = Executors.newFixedThreadPool(8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/reads-first", exchange -> {
            byte[] read = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, read.length);
            exchange.getResponseBody().write(read);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop(0);
        handlers.shutdownNow();
        assertThat(handlers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The server answers each request head at once and then stops reading. Request 0 carries a
     * body far larger than the socket buffers, so it cannot be sent ahead and the release waits
     * (bounded by the request timeout) until the server gives up on its connection: by then the
     * other answers have long arrived, whatever the machine's speed.
     */
    @Test
    void anAnswerBeforeTheReleaseIsMarked() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            handlers.execute(() -> answerHeadsThenStall(listener));
            byte[] huge = new byte[16 * 1024 * 1024];
            Responses responses = Burst.of(5).baseUrl("http://127.0.0.1:" + listener.getLocalPort())
                    .release(Release.LAST_BYTE).timeout(Duration.ofSeconds(10))
                    .prepare(i -> i == 0
                            ? RequestSpec.of("POST", "/upload").withBody(huge, "application/octet-stream")
                            : RequestSpec.post("/forbidden", "{\"n\":" + i + "}", "application/json"))
                    .fire();

            List<RequestResult> answered = responses.asList().subList(1, 5);
            assertThat(answered).allSatisfy(result -> {
                assertThat(result.status()).isEqualTo(403);
                assertThat(result.bodyAsString()).isEqualTo("answered at once");
                assertThat(result.answeredBeforeRelease()).isTrue();
                assertThat(result.timeline().firstByte().orElseThrow())
                        .isLessThan(result.timeline().released().orElse(Duration.ofDays(1)));
            });
            assertThat(responses.answeredBeforeRelease()).containsAll(answered);
        }
    }

    /** Per connection: reads the head, answers 403 at once, then holds the connection unread for 3 s. */
    private void answerHeadsThenStall(ServerSocket listener) {
        try {
            for (int accepted = 0; accepted < 5; accepted++) {
                Socket socket = listener.accept();
                handlers.execute(() -> {
                    try (socket) {
                        InputStream in = socket.getInputStream();
                        int matched = 0;
                        while (matched < 4) {
                            int b = in.read();
                            if (b < 0) {
                                return;
                            }
                            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                        }
                        socket.getOutputStream().write(("HTTP/1.1 403 Forbidden\r\nContent-Length: 16\r\n\r\n"
                                + "answered at once").getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(3_000);
                    } catch (IOException | InterruptedException ended) {
                        // the test is over, or the client went away
                    }
                });
            }
        } catch (IOException closed) {
            // the listener was closed
        }
    }

    @Test
    void anAnswerAfterTheReleaseIsNot() {
        Responses responses = burst("http://127.0.0.1:" + server.getAddress().getPort(), "/reads-first").fire();

        assertThat(responses).hasSize(5).noneFailed().allHaveStatus(200);
        assertThat(responses.answeredBeforeRelease()).isEmpty();
        responses.forEach(r -> assertThat(r.bodyAsString()).isEqualTo("{\"n\":" + r.index() + "}"));
    }

    private static Burst burst(String baseUrl, String path) {
        return Burst.of(5).baseUrl(baseUrl)
                .release(Release.LAST_BYTE).timeout(Duration.ofSeconds(10))
                .prepare(i -> RequestSpec.post(path, "{\"n\":" + i + "}", "application/json"));
    }
}
