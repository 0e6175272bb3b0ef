package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fixture run by {@link KeepAliveEdgeTest} through the engine test kit, against
 * {@code salvo.base-url}: {@value #ROUNDS} rounds of {@value #COUNT} requests on the one shared
 * client, each round's release {@value #SHORTEST_GAP_MILLIS}–{@value #LONGEST_GAP_MILLIS} ms after
 * the previous round ended, so just around the server's keep-alive timeout of 300 ms. The
 * preparation holds the round back: every index sleeps until the same instant.
 */
class KeepAliveEdgeTestCases {

    static final int ROUNDS = 30;
    static final int COUNT = 10;
    static final long SHORTEST_GAP_MILLIS = 280;
    static final long LONGEST_GAP_MILLIS = 320;

    /** The fixture's state; {@link KeepAliveEdgeTest} runs one engine run at a time and resets it first. */
    static volatile long prepareUntil;
    static volatile long previousEnd;
    static volatile int roundsEnded;
    static final List<Long> GAPS_MILLIS = new CopyOnWriteArrayList<>();

    static void reset() {
        prepareUntil = 0;
        previousEnd = 0;
        roundsEnded = 0;
        GAPS_MILLIS.clear();
    }

    /** Gaps 280, 290, 300, 310, 320 ms, over and over. */
    static long gapMillis(int round) {
        return SHORTEST_GAP_MILLIS + (round % 5) * (LONGEST_GAP_MILLIS - SHORTEST_GAP_MILLIS) / 4;
    }

    static class SpacedRounds {

        @PrepareRequest
        RequestSpec prepare(int index) throws InterruptedException {
            long wait = prepareUntil - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (index == 0 && previousEnd != 0) {
                GAPS_MILLIS.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - previousEnd));
            }
            return RequestSpec.get("/edge/" + index);
        }

        @ConcurrentRequests(count = COUNT, rounds = ROUNDS, timeoutMillis = 5_000)
        void round(Responses responses) {
            spaceTheNextRound();
            assertThat(responses).hasSize(COUNT).noneFailed().allHaveStatus(200);
        }

        static void spaceTheNextRound() {
            long now = System.nanoTime();
            int ended = ++roundsEnded;
            previousEnd = now;
            prepareUntil = now + TimeUnit.MILLISECONDS.toNanos(gapMillis(ended));
        }
    }
}
