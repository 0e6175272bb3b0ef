package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.ConcurrentRequests;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import org.junit.jupiter.api.TestReporter;

/**
 * Fixture run by {@link AnnotationPathFaultTest} through the engine test kit: a burst of 50 through
 * the annotation against a server (given as {@code salvo.base-url}) that cuts every body short.
 */
class FaultyServerTestCases {

    static final long TIMEOUT_MILLIS = 1_000;
    static final int COUNT = 50;

    @ConcurrentRequests(count = COUNT, url = "/cut/{index}", timeoutMillis = TIMEOUT_MILLIS)
    void burstAgainstAFaultyServer(Responses responses, TestReporter reporter) {
        reporter.publishEntry("results", Integer.toString(responses.size()));
        reporter.publishEntry("failed", Integer.toString(responses.failures().size()));
        reporter.publishEntry("outcomes", BurstChecks.outcomes(responses));
        assertThat(responses.size()).isEqualTo(COUNT);
        for (int i = 0; i < COUNT; i++) {
            RequestResult result = responses.get(i);
            assertThat(result.index()).isEqualTo(i);
            assertThat(result.request().uri()).isEqualTo("/cut/" + i);
            assertThat(result.failure()).as("result %d", i).isPresent();
        }
    }
}
