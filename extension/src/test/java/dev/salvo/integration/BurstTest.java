package dev.salvo.integration;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.Burst;
import dev.salvo.PreparationException;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine without the annotation. Each test has its own server. */
class BurstTest {

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
    void firesEveryRequestAndReturnsResultsInIndexOrder() {
        Responses responses = Burst.of(10).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.get("/echo/" + i)).fire();
        assertThat(responses).hasSize(10).noneFailed().allHaveStatus(200);
        for (int i = 0; i < 10; i++) {
            assertThat(responses.get(i).index()).isEqualTo(i);
            assertThat(responses.get(i).bodyAsString()).isEqualTo("HTTP/1.1 GET /echo/" + i);
        }
        assertThat(server.received()).isEqualTo(10);
    }

    @Test
    void maxInFlightCapsRequestsInProgressAtTheServer() {
        Responses responses = Burst.of(12).maxInFlight(3).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.get("/delay?ms=100")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(server.maxInProgress()).isBetween(1, 3);
        assertThat(server.received()).isEqualTo(12);
    }

    @Test
    void withoutACapEveryRequestIsInProgressAtOnce() {
        Responses responses = Burst.of(12).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.get("/delay?ms=300")).fire();
        assertThat(responses).noneFailed();
        assertThat(server.maxInProgress()).isEqualTo(12);
    }

    @Test
    void aFailedPreparationSendsNothing() {
        AtomicInteger prepared = new AtomicInteger();
        Burst burst = Burst.of(50).baseUrl(server.baseUrl()).prepare(i -> {
            prepared.incrementAndGet();
            if (i == 31) {
                throw new IllegalArgumentException("user 31 does not exist");
            }
            return RequestSpec.get("/echo/never");
        });
        long start = System.nanoTime();
        assertThatThrownBy(burst::fire).isInstanceOf(PreparationException.class)
                .hasMessageContaining("request 31 of 50").hasMessageContaining("user 31 does not exist");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended by the failure, not by the preparation timeout")
                .isLessThan(dev.salvo.internal.plan.BurstPlan.DEFAULT_PREPARE_TIMEOUT);
        assertThat(server.received()).isZero();
    }

    @Test
    void aPreparationThatNeverEndsIsBounded() {
        Burst burst = Burst.of(3).prepareTimeout(Duration.ofMillis(300)).baseUrl(server.baseUrl()).prepare(i -> {
            if (i == 1) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return RequestSpec.get("/echo/x");
        });
        assertThatThrownBy(burst::fire).isInstanceOf(PreparationException.class)
                .hasMessageContaining("did not finish within 300 ms");
        assertThat(server.received()).isZero();
    }

    @Test
    void aBodyOverTheLimitFailsThatRequestOnly() {
        Responses responses = Burst.of(4).maxBodyBytes(10_000).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.get(i == 2 ? "/bytes?n=50000" : "/bytes?n=10000")).fire();
        assertThat(responses).hasSize(4);
        assertThat(responses.failures()).extracting(r -> r.index()).containsExactly(2);
        assertThat(responses.get(2).failure()).get().isInstanceOf(dev.salvo.BodyTooLargeException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("exceeds the limit of 10000 bytes");
        assertThat(responses.get(2).status()).isEqualTo(200);
        assertThat(responses.get(1).body()).hasSize(10_000);
    }

    @Test
    void aChunkedBodyOverTheLimitFailsToo() {
        Responses responses = Burst.of(2).maxBodyBytes(10_000).baseUrl(server.baseUrl())
                .prepare(i -> RequestSpec.get("/bytes?chunked=1&n=" + (i == 0 ? 9_000 : 30_000))).fire();
        assertThat(responses.get(0).body()).hasSize(9_000);
        assertThat(responses.get(0).header("Content-Length")).isEmpty();
        assertThat(responses.get(1).failure()).get().isInstanceOf(dev.salvo.BodyTooLargeException.class);
    }

    @Test
    void aBurstCanBeFiredAgain() {
        Burst burst = Burst.of(3).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/again"));
        assertThat(burst.fire()).hasSize(3);
        assertThat(burst.fire()).hasSize(3);
        assertThat(server.received()).isEqualTo(6);
    }

    @Test
    void badArgumentsAreRejectedWhenGiven() {
        assertThatThrownBy(() -> Burst.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Burst: 'count' = 0 is out of range: allowed 1..10000");
        assertThatThrownBy(() -> Burst.of(1).maxInFlight(-1)).hasMessageContaining("'maxInFlight' = -1");
        assertThatThrownBy(() -> Burst.of(1).timeout(Duration.ZERO)).hasMessageContaining("'timeout' = 0 ms");
        assertThatThrownBy(() -> Burst.of(1).prepareThreads(1_001)).hasMessageContaining("0..1000");
        assertThatThrownBy(() -> Burst.of(1).baseUrl("/relative")).hasMessageContaining("must be an absolute http or https URL");
        assertThatThrownBy(() -> Burst.of(1).fire()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call prepare(...) before fire()");
    }

    @Test
    void timelinesFollowThePipelineOrder() {
        Responses responses = Burst.of(5).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/t")).fire();
        responses.forEach(r -> {
            var t = r.timeline();
            assertThat(t.prepared().orElseThrow()).isLessThanOrEqualTo(t.released().orElseThrow());
            assertThat(t.released().orElseThrow()).isLessThanOrEqualTo(t.sent().orElseThrow());
            assertThat(t.sent().orElseThrow()).isLessThanOrEqualTo(t.firstByte().orElseThrow());
            assertThat(t.firstByte().orElseThrow()).isLessThanOrEqualTo(t.completed().orElseThrow());
        });
        Duration firstSent = responses.stream().map(r -> r.timeline().sent().orElseThrow()).min(Duration::compareTo).orElseThrow();
        Duration lastSent = responses.stream().map(r -> r.timeline().sent().orElseThrow()).max(Duration::compareTo).orElseThrow();
        assertThat(responses.sendSpread()).isPositive().isEqualTo(lastSent.minus(firstSent));
    }

    @Test
    void aPreparationMayThrowACheckedExceptionWhichFailsTheBurstNamingTheIndex() {
        Burst burst = Burst.of(8).baseUrl(server.baseUrl()).prepare(i -> {
            if (i == 3) {
                throw new java.io.IOException("login failed for user 3");
            }
            return RequestSpec.get("/echo/never");
        });
        assertThatThrownBy(burst::fire).isInstanceOf(PreparationException.class)
                .hasMessageContaining("request 3 of 8")
                .hasMessageContaining("IOException: login failed for user 3")
                .hasCauseInstanceOf(java.io.IOException.class)
                .satisfies(failure -> assertThat(((PreparationException) failure).index()).isEqualTo(3));
        assertThat(server.received()).isZero();
    }

    @Test
    void theOrderOfTheCallsDoesNotMatter() {
        Responses responses = Burst.of(3).baseUrl(server.baseUrl())
                .release(dev.salvo.Release.LAST_BYTE).barrier(false).release(dev.salvo.Release.PRECONNECT)
                .prepare(i -> RequestSpec.get("/echo/order-" + i)).fire();
        assertThat(responses).hasSize(3).allHaveStatus(200);

        Responses capped = Burst.of(4).release(dev.salvo.Release.LAST_BYTE).maxInFlight(2).maxInFlight(0)
                .baseUrl(server.baseUrl()).prepare(i -> RequestSpec.post("/echo/capped", "b", "text/plain")).fire();
        assertThat(capped).hasSize(4).allHaveStatus(200);
    }

    @Test
    void attributesThatCannotBeCombinedAreRejectedByFireBeforeAnythingIsPrepared() {
        AtomicInteger prepared = new AtomicInteger();
        Burst burst = Burst.of(3).barrier(false).baseUrl(server.baseUrl()).release(dev.salvo.Release.LAST_BYTE)
                .prepare(i -> {
                    prepared.incrementAndGet();
                    return RequestSpec.get("/echo/never");
                });
        assertThatThrownBy(burst::fire).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Burst: 'release' = LAST_BYTE needs a barrier, but 'barrier' = false;"
                        + " use AUTO or PRECONNECT, or set barrier = true");
        assertThat(prepared).hasValue(0);
        assertThat(server.received()).isZero();
    }
}
