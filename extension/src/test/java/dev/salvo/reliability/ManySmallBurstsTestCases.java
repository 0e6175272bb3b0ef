package dev.salvo.reliability;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;

/**
 * Fixture run by {@link NoLeakTest} through the engine test kit: many rounds of a small burst
 * through the one shared client of an engine run, against {@code salvo.base-url}.
 */
class ManySmallBurstsTestCases {

    static final int ROUNDS = 1_000;
    static final int COUNT = 3;

    @ConcurrentRequests(count = COUNT, url = "/echo/{index}", rounds = ROUNDS, timeoutMillis = 5_000)
    void smallBurst(Responses responses) {
        assertThat(responses).hasSize(COUNT).allHaveStatus(200);
    }
}
