package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.Http1WireServer;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While an HTTP/1.1 release writes its final bytes, the client reads no answer. The server here
 * answers each request the moment it is complete, so the first answers arrive while the release
 * is still writing; they wait in their sockets until the last final byte has left, and the
 * release loop has the cores to itself, as a hand-written release that reads afterwards has.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadPauseTest {

    private static final int COUNT = 200;
    private static final int BURSTS = 5;

    @Test
    void noAnswerIsReadBeforeTheLastFinalByteWasWritten() {
        for (int burst = 1; burst <= BURSTS; burst++) {
            String label = "burst " + burst + " of " + BURSTS + " (N = " + COUNT + ")";
            try (Http1WireServer server = Http1WireServer.start("read-pause")) {
                int round = burst;
                Responses responses = Burst.of(COUNT).baseUrl(server.baseUrl()).timeout(Duration.ofSeconds(10))
                        .prepare(i -> RequestSpec.get("/pause/" + round + "/" + i)).fire();

                assertThat(responses).as(label).hasSize(COUNT).noneFailed().allHaveStatus(200);
                Duration lastRelease = latest(responses, t -> t.released());
                Duration firstAnswer = responses.stream().map(r -> r.timeline().firstByte()).flatMap(Optional::stream)
                        .min(Comparator.naturalOrder()).orElseThrow();
                assertThat(firstAnswer).as("%s: the first answer read, against the last request released", label)
                        .isGreaterThanOrEqualTo(lastRelease);
            }
        }
    }

    private static Duration latest(Responses responses, java.util.function.Function<RequestResult.Timeline, Optional<Duration>> step) {
        return responses.stream().map(r -> step.apply(r.timeline())).flatMap(Optional::stream).max(Comparator.naturalOrder())
                .orElseThrow();
    }
}
