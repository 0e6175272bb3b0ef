package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.assertj.SalvoAssertions;
import dev.salvo.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 2 000 requests prepared by 4 threads: no deadlock between the preparation pool and the barrier,
 * and no request rejected by the client's own queue limits (Jetty's default is 1 024 queued per
 * destination). The test server's accept queue is 4 096, so the server does not drop connections;
 * it holds every answer until all 2 000 requests have arrived, so all are in progress at once:
 * were any request held back by a queue, the gate would never open and every request would
 * time out.
 */
class BigBurstTest {

    private static final int COUNT = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void twoThousandRequestsWithFourPreparationThreads() {
        try (TestServer server = TestServer.start()) {
            BurstChecks.Timed run = BurstChecks.timed(() -> Burst.of(COUNT)
                    .baseUrl(server.baseUrl())
                    .prepareThreads(4)
                    .prepare(i -> RequestSpec.get(uri(i)))
                    .timeout(TIMEOUT)
                    .fire());
            Responses responses = run.responses();
            System.out.printf("big burst | %d requests, 4 preparation threads, in %d ms: %s; at most %d in progress at the server%n",
                    COUNT, run.elapsed().toMillis(), responses, server.maxInProgress());

            BurstChecks.assertEveryIndexAccountedFor(responses, COUNT, BigBurstTest::uri);
            SalvoAssertions.assertThat(responses).noneFailed().allHaveStatus(200);
            assertThat(responses.stream().map(r -> r.bodyAsString())).containsOnly("gate of " + COUNT);
            assertThat(server.received()).as("requests the server received").isEqualTo(COUNT);
            Duration lastReleased = responses.stream().map(r -> r.timeline().released().orElseThrow()).max(Duration::compareTo).orElseThrow();
            Duration firstCompleted = responses.stream().map(r -> r.timeline().completed().orElseThrow()).min(Duration::compareTo).orElseThrow();
            assertThat(lastReleased).as("every request handed to the client before the first completed").isLessThan(firstCompleted);
            assertThat(server.maxInProgress()).as("requests in progress at once at the server").isEqualTo(COUNT);
            assertThat(run.elapsed()).isLessThan(BurstChecks.generousBound(TIMEOUT));
        }
    }

    private static String uri(int index) {
        return "/gate?n=" + COUNT + "&request=" + index;
    }
}
