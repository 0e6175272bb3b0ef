package dev.salvo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.PrepareRequest;
import java.util.concurrent.TimeoutException;

/** Fixtures run by {@link EngineRunTest} through the engine test kit. */
class EngineRunTestCases {

    /** Set by the test before each engine run; the fixtures run one at a time. */
    static volatile String serverUrl;

    static class ThreeRounds {
        @BaseUrl
        String baseUrl = serverUrl;

        @ConcurrentRequests(count = 4, url = "/echo/rounds", rounds = 3)
        void test(Responses responses) {
            assertThat(responses.size()).isEqualTo(4);
        }
    }

    /** Relies on salvo.base-url and salvo.timeout-millis from the configuration. */
    static class ConfiguredDefaults {
        @ConcurrentRequests(count = 2, url = "/delay?ms=3000")
        void test(Responses responses) {
            responses.forEach(r -> assertThat(r.failure()).get().isInstanceOf(TimeoutException.class));
        }
    }

    /** An explicit timeoutMillis wins over salvo.timeout-millis. */
    static class ExplicitTimeoutWins {
        @ConcurrentRequests(count = 2, url = "/delay?ms=300", timeoutMillis = 5_000)
        void test(Responses responses) {
            responses.forEach(r -> assertThat(r.status()).isEqualTo(200));
        }
    }

    /** An explicit timeoutMillis equal to the built-in default wins over salvo.timeout-millis too. */
    static class ExplicitDefaultValueWins {
        @ConcurrentRequests(count = 2, url = "/delay?ms=300", timeoutMillis = 10_000)
        void test(Responses responses) {
            responses.forEach(r -> assertThat(r.status()).isEqualTo(200));
        }
    }

    /** Records when each round ran. */
    static class RoundsInParallelMode {
        static final java.util.List<long[]> RUNS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @BaseUrl
        String baseUrl = serverUrl;

        @ConcurrentRequests(count = 3, url = "/delay?ms=50", rounds = 6)
        void test(Responses responses) throws InterruptedException {
            long start = System.nanoTime();
            Thread.sleep(20);
            RUNS.add(new long[] {start, System.nanoTime()});
        }
    }

    /** Many bursts in one engine run, for the thread-ownership check. */
    static class ManyBursts {
        @BaseUrl
        String baseUrl = serverUrl;

        @PrepareRequest
        RequestSpec prepare(int index) {
            return RequestSpec.get("/echo/many-" + index);
        }

        @ConcurrentRequests(count = 5, rounds = 40)
        void test(Responses responses) {
            assertThat(responses.size()).isEqualTo(5);
        }
    }
}
