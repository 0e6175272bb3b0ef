package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaceScenarioTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theClaimServerLetsTheFirstOfSequentialClaimsWinAndRecordsEveryClaim() throws Exception {
        try (ClaimServer server = ClaimServer.start(16)) {
            assertThat(claim(server.baseUrl(), "/alpha/0")).isEqualTo(200);
            assertThat(claim(server.baseUrl(), "/alpha/1")).isEqualTo(409);
            assertThat(claim(server.baseUrl(), "/beta/0")).as("another code").isEqualTo(200);

            assertThat(server.take("alpha")).extracting(RaceServer.Claim::won).containsExactly(true, false);
            assertThat(server.take("beta")).extracting(RaceServer.Claim::won).containsExactly(true);
            assertThat(server.take("alpha")).as("taken once").isEmpty();
        }
    }

    @Test
    void theClaimServerRefusesFewerThanSixteenThreads() {
        assertThatThrownBy(() -> ClaimServer.start(8)).hasMessageContaining("at least 16 handler threads, was 8");
    }

    @Test
    void aContenderThatClaimsOneAfterTheOtherNeverCatchesTheRaceAndEveryRoundIsComplete() throws Exception {
        Contender sequential = new Contender() {
            @Override
            public String mode() {
                return "sequential";
            }

            @Override
            public Outcome burst(URI baseUrl, String burst, int count) throws Exception {
                int won = 0;
                for (int i = 0; i < count; i++) {
                    if (claim(baseUrl, "/" + burst + "/" + i) == 200) {
                        won++;
                    }
                }
                return Outcome.answered(won);
            }
        };
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<RaceScenario.Result> results;
        try (ClaimServer server = ClaimServer.start(16)) {
            results = RaceScenario.run(List.of(sequential), 3, 4, server, RaceScenario.Race.CHECK_THEN_INSERT,
                    new PrintStream(progress, true, StandardCharsets.UTF_8));
        }

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.rounds()).isEqualTo(3);
            assertThat(result.caught()).isZero();
            assertThat(result.complete()).isEqualTo(3);
            assertThat(result.winners()).containsExactly(1, 1, 1);
            assertThat(result.roundsFor95Percent()).isEmpty();
            assertThat(result.handlerSpread()).isPresent();
        });
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("check-then-insert on JDK HttpServer + H2, 4 a round, round 3 of 3: caught 0");
    }

    @Test
    void roundsNeededFor95PercentFollowFromTheCatchRate() {
        assertThat(RaceScenario.roundsFor(0.95, 0.25)).contains(11L); // log 0.05 / log 0.75 = 10.41
        assertThat(RaceScenario.roundsFor(0.95, 0.5)).contains(5L); // 4.32
        assertThat(RaceScenario.roundsFor(0.95, 0.04)).contains(74L); // 73.4
        assertThat(RaceScenario.roundsFor(0.95, 0.95)).contains(1L);
        assertThat(RaceScenario.roundsFor(0.95, 1.0)).contains(1L);
        assertThat(RaceScenario.roundsFor(0.95, 0.0)).isEqualTo(Optional.empty());
        assertThat(new RaceScenario.Result("x", 200, 50, 200, List.of(), List.of()).catchRate()).isEqualTo(0.25);
    }

    private static int claim(URI baseUrl, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
