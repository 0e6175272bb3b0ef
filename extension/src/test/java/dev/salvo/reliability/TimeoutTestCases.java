package dev.salvo.reliability;

import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fixture run by {@link InterruptionAndTimeoutTest} through the engine test kit: JUnit's
 * {@code @Timeout} of 1 s on a burst against a server (given as {@code salvo.base-url}) that never
 * answers, with a request timeout of {@value #REQUEST_TIMEOUT_MILLIS} ms.
 */
class TimeoutTestCases {

    static final int COUNT = 20;
    static final long REQUEST_TIMEOUT_MILLIS = 8_000;

    @ConcurrentRequests(count = COUNT, url = "/silent/{index}", timeoutMillis = REQUEST_TIMEOUT_MILLIS)
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void neverAnswered(Responses responses) {
        // The burst alone decides the outcome.
    }
}
