package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salvo.Burst;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.testing.RefusedPort;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave at the socket level, and targets that cannot be reached, against a
 * burst of 50: every request is accounted for, at its own index, as a failure that names what
 * happened; the burst ends within its timeout plus {@link BurstChecks#SLACK}; and the client
 * closes every connection it opened.
 */
class RawSocketFaultsTest {

    private static final int COUNT = 50;
    /** For the faults whose expected outcome is the timeout. */
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    /** For a server that drips its body: long enough for every status line, far shorter than the body. */
    private static final Duration DRIP_TIMEOUT = Duration.ofSeconds(5);
    /**
     * For the faults that end each request by themselves (a cut, a refusal): generous, so that a
     * busy machine never turns one of them into a timeout; only a hang would wait this long.
     */
    private static final Duration ENDED_BY_THE_FAULT = Duration.ofSeconds(30);
    private static final Duration CONNECTIONS_CLOSE_WITHIN = Duration.ofSeconds(30);

    @BeforeAll
    static void warmUp() {
        BurstChecks.warmUp();
    }

    @Test
    void serverThatAcceptsAndNeverAnswers() {
        try (RawServer server = RawServer.start("silent", RawServer.silent())) {
            BurstChecks.Timed run = fire("server accepts, never answers", server.baseUrl(), TIMEOUT);

            BurstChecks.assertEveryRequestFailedWith(run.responses(), List.of(TimeoutException.class));
            assertThat(run.responses().get(0).failure().orElseThrow()).hasMessageContaining(TIMEOUT.toMillis() + " ms");
            assertThat(run.responses().stream().mapToInt(RequestResult::status)).containsOnly(0);
            assertConnectionsClosed(server);
        }
    }

    @Test
    void serverThatClosesMidBody() {
        try (RawServer server = RawServer.start("mid-body", RawServer.closesMidBody(1000, 10))) {
            BurstChecks.Timed run = fire("server closes after 10 of 1000 body bytes", server.baseUrl(), ENDED_BY_THE_FAULT);

            BurstChecks.assertEveryRequestFailedWith(run.responses(), List.of(EOFException.class));
            assertThat(run.responses().stream().filter(r -> r.failure().orElseThrow() instanceof EOFException)
                    .mapToInt(RequestResult::status)).as("the status line arrived before the body was cut").containsOnly(200);
            assertConnectionsClosed(server);
        }
    }

    @Test
    void serverThatDripsTheBodyPastTheTimeout() {
        try (RawServer server = RawServer.start("drip", RawServer.drips(1000, 100))) {
            BurstChecks.Timed run = fire("server drips 1 body byte per 100 ms", server.baseUrl(), DRIP_TIMEOUT);

            BurstChecks.assertEveryRequestFailedWith(run.responses(), List.of(TimeoutException.class));
            assertThat(run.responses().get(0).failure().orElseThrow()).hasMessageContaining(DRIP_TIMEOUT.toMillis() + " ms");
            // The status line came first, then the body too slowly: the timeout bounds the whole exchange,
            // not the silence between bytes. (On a busy machine a few status lines may come too late.)
            assertThat(run.responses().stream().mapToInt(RequestResult::status)).isSubsetOf(0, 200);
            assertThat(run.responses().stream().filter(r -> r.status() == 200).count())
                    .as("results whose status line arrived before the timeout").isGreaterThan(COUNT / 2);
            assertConnectionsClosed(server);
        }
    }

    @Test
    void connectionRefused() {
        BurstChecks.Timed run;
        try (RefusedPort refused = new RefusedPort()) {
            run = fire("connection refused (port bound, never listening)", refused.baseUrl(), ENDED_BY_THE_FAULT);
        }

        BurstChecks.assertEveryRequestFailedWith(run.responses(), List.of(ConnectException.class));
        assertThat(run.responses().get(0).failure().orElseThrow()).hasMessageContaining("refused");
    }

    @Test
    void unresolvableHost() {
        // The .invalid top-level domain never resolves (RFC 2606); nothing is sent anywhere.
        BurstChecks.Timed run = fire("unresolvable host name", "http://no-such-host.invalid", ENDED_BY_THE_FAULT);

        BurstChecks.assertEveryRequestFailedWith(run.responses(), List.of(UnknownHostException.class));
        assertThat(run.responses().get(0).failure().orElseThrow()).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void aBodyCutShortIsDescribedInWords() {
        try (RawServer server = RawServer.start("mid-body-message", RawServer.closesMidBody(1000, 10))) {
            BurstChecks.Timed run = fire("server closes after 10 of 1000 body bytes", server.baseUrl(), ENDED_BY_THE_FAULT);

            for (RequestResult result : run.responses()) {
                assertThat(result.failure()).hasValueSatisfying(failure -> assertThat(failure.getMessage())
                        .as("message of result %d", result.index())
                        .isNotBlank()
                        .hasSizeLessThan(300)
                        .doesNotContain("HttpConnectionOverHTTP", "SocketChannelEndPoint")
                        .containsIgnoringCase("closed"));
            }
        }
    }

    @Test
    void healthyResponsesSurviveNeighboursCutMidBody() {
        int rounds = 30;
        int healthyFailed = 0;
        StringBuilder seen = new StringBuilder();
        try (RawServer server = RawServer.start("neighbours", RawServer.cutsSome("server"))) {
            Burst burst = Burst.of(100).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get((i % 2 == 0 ? "/ok/" : "/cut/") + i))
                    .timeout(Duration.ofSeconds(30)); // the cut neighbours fail at once; only a hang waits this long
            for (int round = 0; round < rounds; round++) {
                for (RequestResult result : burst.fire()) {
                    if (result.index() % 2 == 0 && !(result.hasResponse()
                            && result.bodyAsString().equals("server /ok/" + result.index()))) {
                        healthyFailed++;
                        seen.append("\n  round ").append(round).append(": ").append(BurstChecks.outcome(result));
                    }
                }
            }
        }
        assertThat(healthyFailed).as("healthy requests that failed or were corrupted, of %d:%s", rounds * 50, seen).isZero();
    }

    /** Fires 50 requests at {@code base + "/r/{index}"} and checks what every fault case must hold. */
    private static BurstChecks.Timed fire(String fault, String base, Duration timeout) {
        BurstChecks.Timed run = BurstChecks.timed(() -> Burst.of(COUNT)
                .prepare(i -> RequestSpec.get(base + "/r/" + i))
                .timeout(timeout)
                .fire());
        BurstChecks.record(fault, run);
        BurstChecks.assertEveryIndexAccountedFor(run.responses(), COUNT, i -> base + "/r/" + i);
        assertThat(run.elapsed()).as("time to run the burst").isLessThan(BurstChecks.generousBound(timeout));
        return run;
    }

    private static void assertConnectionsClosed(RawServer server) {
        assertThat(server.accepted()).as("connections the server accepted").isPositive();
        await("every connection closed by the client").atMost(CONNECTIONS_CLOSE_WITHIN)
                .untilAsserted(() -> assertThat(server.openConnections()).as("connections still open").isZero());
    }
}
