package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.GateHold;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Spring Boot race server: its races are real (sequential requests are correct, a gated
 * burst breaks them), and the gate finds the burst's Tomcat threads by their requests' client
 * ports.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SpringRaceServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sequentialRequestsAreCorrectAndAGatedBurstBreaksBothRaces() throws Exception {
        try (RaceServer server = SpringRaceServer.start(16)) {
            assertThat(send(server.baseUrl(), "/solo/0")).isEqualTo(200);
            assertThat(send(server.baseUrl(), "/solo/1")).isEqualTo(409);
            assertThat(server.take("solo")).extracting(RaceServer.Claim::won).containsExactly(true, false);
            server.openAccount("deposit-solo");
            for (int i = 0; i < 3; i++) {
                assertThat(send(server.baseUrl(), "/deposit-solo/" + i)).isEqualTo(200);
            }
            assertThat(server.balance("deposit-solo")).isEqualTo(30);

            Responses claims = burst(server, "gated");
            assertThat(claims.gateHold()).map(GateHold::opening).contains(GateHold.Opening.ALL_ARRIVED);
            assertThat(server.take("gated")).as("every claim read before any inserted").allMatch(RaceServer.Claim::won).hasSize(8);

            server.openAccount("deposit-gated");
            Responses deposits = burst(server, "deposit-gated");
            assertThat(deposits.gateHold()).map(GateHold::opening).contains(GateHold.Opening.ALL_ARRIVED);
            assertThat(server.balance("deposit-gated")).as("every deposit read 0").isEqualTo(10);

            burst(server, "unique-gated");
            assertThat(server.take("unique-gated")).as("the unique constraint lets one win").filteredOn(RaceServer.Claim::won).hasSize(1);
            server.openAccount("atomic-gated");
            burst(server, "atomic-gated");
            assertThat(server.balance("atomic-gated")).as("atomic deposits add up").isEqualTo(80);
        }
    }

    /**
     * Four requests of a burst are held at their write while the fifth sleeps a second. Meanwhile
     * a request from another client (not one of the burst's connections) claims and deposits on
     * the same application: it is not held (it is answered while the burst's claims are still
     * unwritten) and not counted (had it been, the gate would have opened before the fifth
     * arrived, and the fifth would have lost).
     */
    @Test
    void aRequestThatIsNotTheBurstsIsNeitherHeldNorCounted() throws Exception {
        try (RaceServer server = SpringRaceServer.start(16)) {
            server.openAccount("deposit-outsider");
            java.util.concurrent.CompletableFuture<Responses> burst = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Burst.of(5).baseUrl(server.baseUrl()).holdWrites(true).holdBound(Duration.ofSeconds(5))
                            .prepare(i -> RequestSpec.get("/late-claim/" + i)).fire());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !burst.isDone() && heldAtTheGate(server) < 4) {
                Thread.sleep(1);
            }
            assertThat(heldAtTheGate(server)).as("the burst's requests waiting at their write").isEqualTo(4);
            assertThat(send(server.baseUrl(), "/outsider/0")).isEqualTo(200);
            assertThat(send(server.baseUrl(), "/deposit-outsider/0")).isEqualTo(200);
            assertThat(burst).as("the burst is still held while the outsider was answered").isNotDone();
            assertThat(server.balance("deposit-outsider")).isEqualTo(10);

            Responses responses = burst.get(20, TimeUnit.SECONDS);
            assertThat(responses.gateHold()).map(GateHold::opening).contains(GateHold.Opening.ALL_ARRIVED);
            // the fifth counts once it has read: JdbcTemplate gives its connection back after the SELECT
            assertThat(responses.gateHold()).map(gate -> gate.reached() + gate.ended()).contains(5);
            assertThat(server.take("late-claim")).as("all five read before any wrote").hasSize(5).allMatch(RaceServer.Claim::won);
        }
    }

    /** @return threads of the application parked at the gate (inside the gate's hold) */
    private static long heldAtTheGate(RaceServer server) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> java.util.Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals("dev.salvo.internal.gate.BurstGate")
                                && frame.getMethodName().equals("hold")))
                .count();
    }

    private static Responses burst(RaceServer server, String code) {
        return Burst.of(8).baseUrl(server.baseUrl()).holdWrites(true).holdBound(Duration.ofSeconds(2))
                .prepare(i -> RequestSpec.get("/" + code + "/" + i)).fire();
    }

    private static int send(URI baseUrl, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
