package dev.salvo.benchmarks;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Salvo's {@link Burst}, configured one way: each release mode is one instance with its own
 * configuration of the burst, and so one row of the table. Only Salvo's public API is used, so
 * the rows measure whatever release engine the benchmark is built with.
 */
final class SalvoContender implements Contender {

    /** The body of each request in the rows that send one: small, as a typical form or JSON post. */
    static final String BODY = "{\"coupon\":\"SPRING\"}";

    private final String mode;
    private final UnaryOperator<Burst> configuration;
    private final boolean withBody;

    /**
     * @param mode the row label
     * @param configuration applied to a burst that already has its count, base URL, requests and timeout
     * @param withBody whether each request is a POST with {@link #BODY} instead of a GET
     */
    SalvoContender(String mode, UnaryOperator<Burst> configuration, boolean withBody) {
        this.mode = mode;
        this.configuration = configuration;
        this.withBody = withBody;
    }

    /** A contender sending GET requests. */
    static SalvoContender get(String mode, UnaryOperator<Burst> configuration) {
        return new SalvoContender(mode, configuration, false);
    }

    /** A contender sending POST requests with {@link #BODY}. */
    static SalvoContender post(String mode, UnaryOperator<Burst> configuration) {
        return new SalvoContender(mode, configuration, true);
    }

    /** @return this contender with the write gate armed for each burst ({@code holdWrites}), labelled so */
    SalvoContender holdingWrites() {
        return new SalvoContender(mode + ", holdWrites", burst -> configuration.apply(burst).holdWrites(true), withBody);
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public Outcome burst(URI baseUrl, String burst, int count) {
        return outcome(fire(baseUrl, burst, count, 0));
    }

    /**
     * Sends {@code count} requests with at most {@code maxInFlight} in flight (0: no cap).
     *
     * @return Salvo's responses
     */
    Responses fire(URI baseUrl, String burst, int count, int maxInFlight) {
        Burst configured = configuration.apply(Burst.of(count)
                .baseUrl(baseUrl)
                .timeout(REQUEST_TIMEOUT)
                .maxInFlight(maxInFlight)
                .prepare(i -> withBody
                        ? RequestSpec.post("/" + burst + "/" + i, BODY, "application/json")
                        : RequestSpec.get("/" + burst + "/" + i)));
        return configured.fire();
    }

    static Outcome outcome(Responses responses) {
        int answered = (int) responses.stream().filter(r -> r.hasResponse() && r.status() == 200).count();
        responses.failures().forEach(r -> System.err.println("no answer: " + r));
        return new Outcome(answered, Optional.of(responses.releaseSpread()), Optional.of(responses.sendSpread()),
                releaseStep(responses), responses.gateHold());
    }

    /** The median gap between consecutive release times, in release order. */
    static Optional<Duration> releaseStep(Responses responses) {
        long[] released = responses.stream()
                .map(r -> r.timeline().released())
                .flatMap(Optional::stream)
                .mapToLong(Duration::toNanos)
                .sorted()
                .toArray();
        if (released.length < 2) {
            return Optional.empty();
        }
        long[] gaps = new long[released.length - 1];
        for (int i = 1; i < released.length; i++) {
            gaps[i - 1] = released[i] - released[i - 1];
        }
        Arrays.sort(gaps);
        return Optional.of(Duration.ofNanos(gaps[gaps.length / 2]));
    }
}
