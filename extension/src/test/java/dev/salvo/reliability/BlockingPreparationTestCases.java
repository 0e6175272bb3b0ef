package dev.salvo.reliability;

import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;

/**
 * Fixture run by {@link InterruptionAndTimeoutTest} through the engine test kit: the preparation
 * of request 3 blocks (for {@value #BLOCK_MILLIS} ms, far longer than the test allows, unless
 * interrupted); {@code salvo.prepare-timeout-millis} must end the burst.
 */
class BlockingPreparationTestCases {

    static final long BLOCK_MILLIS = 30_000;

    @PrepareRequest
    RequestSpec request(int index) throws InterruptedException {
        if (index == 3) {
            Thread.sleep(BLOCK_MILLIS);
        }
        return RequestSpec.get("/prepared/" + index);
    }

    @ConcurrentRequests(count = 10)
    void blockedPreparation(Responses responses) {
        // Never reached: the preparation does not finish.
    }
}
