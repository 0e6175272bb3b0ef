package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.RefusedPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Checks shared by the reliability tests: every request accounted for, in bounded time. */
final class BurstChecks {

    /**
     * How long a burst with this timeout may take before a test calls it stuck: many times the
     * timeout and half a minute more, so that a machine busy with other work never trips it,
     * while a burst that hangs (and would never end) still does.
     */
    static Duration generousBound(Duration configuredTimeout) {
        return configuredTimeout.multipliedBy(10).plus(Duration.ofSeconds(30));
    }

    private static final int MAX_MESSAGE = 100;

    private BurstChecks() {}

    /** A burst's responses and how long the call that produced them took. */
    record Timed(Responses responses, Duration elapsed) {}

    static Timed timed(Supplier<Responses> burst) {
        long start = System.nanoTime();
        Responses responses = burst.get();
        return new Timed(responses, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Every index from 0 to {@code count - 1} has exactly one result, in its place, for the
     * request made for it, holding either a complete response or a failure.
     */
    static void assertEveryIndexAccountedFor(Responses responses, int count, IntFunction<String> uriOf) {
        assertThat(responses.size()).as("results in the burst").isEqualTo(count);
        for (int i = 0; i < count; i++) {
            RequestResult result = responses.get(i);
            assertThat(result.index()).as("index of result %d", i).isEqualTo(i);
            assertThat(result.request().uri()).as("request of result %d", i).isEqualTo(uriOf.apply(i));
            assertThat(result.hasResponse()).as("result %d has a response xor a failure: %s", i, result)
                    .isNotEqualTo(result.failure().isPresent());
        }
    }

    /** Every result is a failure of one of the expected types (or a subtype). */
    static void assertEveryRequestFailedWith(Responses responses, List<Class<? extends Throwable>> expected) {
        for (RequestResult result : responses) {
            assertThat(result.hasResponse()).as("result %d should have failed: %s", result.index(), result).isFalse();
            Throwable failure = result.failure().orElseThrow();
            assertThat(failure).as("failure of result %d:%n%s", result.index(), outcomes(responses))
                    .isInstanceOfAny(expected.toArray(Class<?>[]::new));
        }
    }

    /**
     * Runs one small burst against a port that refuses connections, so that the first measured
     * burst of a class does not pay for loading and compiling the client's classes. Sends nothing
     * anywhere: the port stays held while the burst runs, so no server of a test running beside
     * this one can be given it.
     */
    static void warmUp() {
        try (RefusedPort refused = new RefusedPort()) {
            Burst.of(2).prepare(i -> RequestSpec.get(refused.baseUrl() + "/warm-up")).timeout(Duration.ofSeconds(2)).fire();
        }
    }

    /** Prints the outcome of one case of the fault matrix, for the record. */
    static void record(String fault, Timed run) {
        long lastCompleted = run.responses().stream().map(r -> r.timeline().completed()).flatMap(Optional::stream)
                .mapToLong(Duration::toMillis).max().orElse(-1);
        long firstReleased = run.responses().stream().map(r -> r.timeline().released()).flatMap(Optional::stream)
                .mapToLong(Duration::toMillis).min().orElse(-1);
        System.out.println("fault matrix | " + fault + " | " + run.elapsed().toMillis() + " ms (released from " + firstReleased
                + " ms, last completed at " + lastCompleted + " ms) | "
                + outcomes(run.responses()).replace("\n", "; "));
    }

    /** @return one line per distinct outcome: "50 x 200" or "50 x java.io.EOFException: message" */
    static String outcomes(Responses responses) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RequestResult result : responses) {
            counts.merge(outcome(result), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((outcome, n) -> text.append(n).append(" x ").append(outcome).append('\n'));
        return text.toString().stripTrailing();
    }

    /**
     * @return the status, or the failure's class and message, with its causes; a message that is
     *     one of Jetty's dumps of its connection state is shown by its length only
     */
    static String outcome(RequestResult result) {
        if (result.failure().isEmpty()) {
            return Integer.toString(result.status());
        }
        StringBuilder text = new StringBuilder();
        for (Throwable f = result.failure().get(); f != null; f = f.getCause() == f ? null : f.getCause()) {
            text.append(text.length() == 0 ? "" : " <- caused by ").append(f.getClass().getName());
            if (f.getMessage() != null) {
                text.append(": ").append(gist(f.getMessage()));
            }
        }
        return text + (result.status() == 0 ? "" : " (status " + result.status() + " received)");
    }

    /** Keeps a message readable: Jetty's dumps of its connection state become "[Jetty connection dump]". */
    private static String gist(String message) {
        int dump = message.indexOf("oejcti.HttpConnectionOverHTTP@");
        if (dump >= 0) {
            return message.substring(0, dump) + "[Jetty connection dump of about " + (message.length() - dump) / 100 * 100 + " chars]";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
