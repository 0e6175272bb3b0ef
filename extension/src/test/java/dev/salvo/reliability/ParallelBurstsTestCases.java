package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestReporter;

/**
 * Fixture run by {@link ParallelBurstsTest} through the engine test kit, in parallel: sixteen
 * burst tests, each with its own server (a fresh test instance per method), whose answers name
 * that server. Each test checks that it saw only its own server's answers, and reports when its
 * burst started and when its answers were all in.
 */
class ParallelBurstsTestCases {

    static final int BURSTS = 16;
    static final int COUNT = 10;
    static final long ANSWER_DELAY_MILLIS = 1500;

    private final String identity = "server-" + UUID.randomUUID();
    private RawServer server;

    @BeforeEach
    void startServer() {
        server = RawServer.start(identity, RawServer.answers(identity, ANSWER_DELAY_MILLIS));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @BaseUrl
    String baseUrl() {
        return server.baseUrl();
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst01(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst02(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst03(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst04(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst05(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst06(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst07(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst08(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst09(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst10(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst11(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst12(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst13(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst14(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst15(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    @ConcurrentRequests(count = COUNT, url = "/burst/{index}")
    void burst16(Responses responses, TestReporter reporter) {
        check(responses, reporter);
    }

    private void check(Responses responses, TestReporter reporter) {
        Instant answered = Instant.now();
        assertThat(responses.size()).isEqualTo(COUNT);
        for (int i = 0; i < COUNT; i++) {
            assertThat(responses.get(i).hasResponse()).as("result %d: %s", i, responses.get(i)).isTrue();
            assertThat(responses.get(i).bodyAsString()).as("answer to request %d", i).isEqualTo(identity + " /burst/" + i);
        }
        assertThat(server.requests()).as("requests read by this test's server: %s", server.heads()).isEqualTo(COUNT);
        reporter.publishEntry(Map.of("started", responses.startedAt().toString(), "answered", answered.toString()));
    }
}
