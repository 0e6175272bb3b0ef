package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fixtures run by {@link SharedClientBurstsTest} through the engine test kit, against
 * {@code salvo.base-url}: in one engine run, so on the one client the extension shares, three
 * large bursts, then ten bursts of {@value BigThenSmall#SMALL}. Each round asserts that no request
 * failed; the assertion's message lists the failures.
 */
class SharedClientTestCases {

    static final int BIG_ROUNDS = 3;

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class BigThenSmall {

        static final int SMALL = 20;
        static final int SMALL_ROUNDS = 10;

        @Order(2)
        @ConcurrentRequests(count = SMALL, rounds = SMALL_ROUNDS, url = "/small/{index}", timeoutMillis = 10_000)
        void thenSmallBursts(Responses responses) {
            assertThat(responses).hasSize(SMALL).noneFailed().allHaveStatus(200);
        }
    }

    static class TwoThousand extends BigThenSmall {
        @Order(1)
        @ConcurrentRequests(count = 2_000, rounds = BIG_ROUNDS, url = "/big/{index}", timeoutMillis = 30_000)
        void bigBursts(Responses responses) {
            assertThat(responses).hasSize(2_000).noneFailed().allHaveStatus(200);
        }
    }

    static class OneThousand extends BigThenSmall {
        @Order(1)
        @ConcurrentRequests(count = 1_000, rounds = BIG_ROUNDS, url = "/big/{index}", timeoutMillis = 30_000)
        void bigBursts(Responses responses) {
            assertThat(responses).hasSize(1_000).noneFailed().allHaveStatus(200);
        }
    }

    static class FiveHundred extends BigThenSmall {
        @Order(1)
        @ConcurrentRequests(count = 500, rounds = BIG_ROUNDS, url = "/big/{index}", timeoutMillis = 30_000)
        void bigBursts(Responses responses) {
            assertThat(responses).hasSize(500).noneFailed().allHaveStatus(200);
        }
    }
}
