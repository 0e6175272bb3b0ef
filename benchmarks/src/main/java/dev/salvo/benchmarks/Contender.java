package dev.salvo.benchmarks;

import dev.salvo.GateHold;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One way of sending a burst of requests: a Salvo release mode, the hand-written baseline, or a
 * raw-socket floor. Each is one row per scenario in the benchmark's table.
 *
 * <p>Request {@code i} of a burst goes to {@code /BURST/i} on the server, so that the server can
 * tell bursts apart.
 */
interface Contender {

    /** Per-request timeout every contender uses. */
    Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** @return the row label, e.g. "Salvo, barrier" */
    String mode();

    /**
     * Sends {@code count} requests as simultaneously as this contender can, and waits for every
     * answer or failure (bounded by {@link #REQUEST_TIMEOUT} plus a margin).
     *
     * @param baseUrl the timestamping server
     * @param burst the burst id, the first path segment of every request
     * @param count how many requests
     * @return what the client saw
     * @throws Exception if the burst could not be run at all
     */
    Outcome burst(URI baseUrl, String burst, int count) throws Exception;

    /**
     * What the client saw of one burst.
     *
     * @param answered requests answered with {@code 200}
     * @param releaseSpread first to last request handed over for sending, if this contender knows
     * @param sendSpread first to last request fully written, if this contender knows
     * @param releaseStep median time between one request's release and the next one's, if this
     *     contender knows: the steady cost of the release loop per request, without its stalls
     * @param gate what the write gate did, for a contender that armed it
     */
    record Outcome(int answered, Optional<Duration> releaseSpread, Optional<Duration> sendSpread,
            Optional<Duration> releaseStep, Optional<GateHold> gate) {

        Outcome(int answered, Optional<Duration> releaseSpread, Optional<Duration> sendSpread, Optional<Duration> releaseStep) {
            this(answered, releaseSpread, sendSpread, releaseStep, Optional.empty());
        }

        /** @return this outcome with what the write gate did */
        Outcome withGate(GateHold hold) {
            return new Outcome(answered, releaseSpread, sendSpread, releaseStep, Optional.of(hold));
        }

        /** An outcome with nothing known but the number of answers. */
        static Outcome answered(int answered) {
            return new Outcome(answered, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** The URL of request {@code index} of a burst. */
    static URI target(URI baseUrl, String burst, int index) {
        return baseUrl.resolve("/" + burst + "/" + index);
    }
}
