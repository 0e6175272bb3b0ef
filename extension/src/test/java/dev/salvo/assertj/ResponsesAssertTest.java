package dev.salvo.assertj;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.GateHold;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class ResponsesAssertTest {

    static final RequestSpec SPEC = RequestSpec.get("/coupons/redeem").withHeader("Authorization", "Bearer s3cret");

    static RequestResult ok(int index, int status) {
        return RequestResult.response(index, SPEC, status, Map.of(), new byte[0],
                RequestResult.Timeline.ofNanos(1_000, 2_000 + index * 1_000L, 3_000 + index * 1_000L, 4_000_000, 5_000_000));
    }

    static RequestResult failed(int index) {
        return RequestResult.failure(index, SPEC, 0, Map.of(), new ConnectException("Connection refused"),
                RequestResult.Timeline.ofNanos(1_000, 2_000, -1, -1, 3_000_000));
    }

    static Responses of(RequestResult... results) {
        return Responses.of(List.of(results), Instant.now());
    }

    /** A 401 that began to arrive (2 ms) before its request's withheld end was written (3 ms). */
    static RequestResult early(int index) {
        return RequestResult.response(index, SPEC, 401, Map.of(), new byte[0],
                RequestResult.Timeline.ofNanos(1_000, 3_000_000, 3_000_000, 2_000_000, 3_500_000));
    }

    @Test
    void noneAnsweredBeforeReleaseNamesTheEarlyAnswers() {
        assertThat(of(ok(0, 200), ok(1, 409))).noneAnsweredBeforeRelease();
        assertThatThrownBy(() -> assertThat(of(ok(0, 200), early(1))).noneAnsweredBeforeRelease())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 2 began before it")
                .hasMessageContaining("401");
    }

    static GateHold gate(GateHold.Opening opening, int reached) {
        return GateHold.of(3, reached, Math.max(0, reached - 1), 0, Duration.ofMillis(250), opening,
                reached > 0 ? Duration.ofMillis(1) : null, reached > 0 ? Duration.ofMillis(4) : null);
    }

    @Test
    void allReachedTheGateSaysWhyTheGateOpened() {
        Responses three = of(ok(0, 200), ok(1, 200), ok(2, 409));
        assertThat(three.withGateHold(gate(GateHold.Opening.ALL_ARRIVED, 3))).allReachedTheGate();
        assertThatThrownBy(() -> assertThat(three).allReachedTheGate())
                .hasMessageContaining("the burst ran without holdWrites");
        assertThatThrownBy(() -> assertThat(three.withGateHold(gate(GateHold.Opening.BOUND, 1))).allReachedTheGate())
                .hasMessageContaining("its bound of 250 ms passed with 2 of 3 requests still to come");
        assertThatThrownBy(() -> assertThat(three.withGateHold(gate(GateHold.Opening.CONNECTIONS_EXHAUSTED, 2))).allReachedTheGate())
                .hasMessageContaining("give the pool at least 3 connections");
        assertThatThrownBy(() -> assertThat(three.withGateHold(gate(GateHold.Opening.NO_WRITES, 0))).allReachedTheGate())
                .hasMessageContaining("no request of the burst wrote").hasMessageContaining("WriteGate.wrap");
        assertThatThrownBy(() -> assertThat(three.withGateHold(gate(GateHold.Opening.NOT_ARMED, 0))).allReachedTheGate())
                .hasMessageContaining("another burst with holdWrites");
    }

    @Test
    void releasedWholeNamesItsRequestsAndRefusesAnIndexOutsideTheBurst() {
        Responses three = of(ok(0, 200), ok(1, 200), ok(2, 200));
        assertThat(three.releasedWhole()).isEmpty();
        assertThat(three.withReleasedWhole(List.of(2, 0)).releasedWhole()).extracting(RequestResult::index).containsExactly(0, 2);
        assertThat(three.withReleasedWhole(List.of(1)).withWire(3, 2).releasedWhole()).extracting(RequestResult::index)
                .containsExactly(1);
        assertThatThrownBy(() -> three.withReleasedWhole(List.of(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("released-whole index must be 0 to 2, but was 3");
        assertThatThrownBy(() -> three.withReleasedWhole(List.of(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was -1");
    }

    @Test
    void aGateHoldStatesItsCountsAndItsTime() {
        GateHold hold = gate(GateHold.Opening.ALL_ARRIVED, 3);
        assertThat(hold.allArrived()).isTrue();
        assertThat(hold.boundEndedTheHold()).isFalse();
        assertThat(hold.holdTime()).isEqualTo(Duration.ofMillis(3));
        assertThat(hold.heldFrom()).contains(Duration.ofMillis(1));
        assertThat(hold).isEqualTo(gate(GateHold.Opening.ALL_ARRIVED, 3)).hasSameHashCodeAs(gate(GateHold.Opening.ALL_ARRIVED, 3));
        assertThat(hold.toString()).contains("3 of 3").contains("2 held for 3.00 ms");
        assertThat(of(ok(0, 200), ok(1, 200), ok(2, 200)).withGateHold(hold).toString()).contains("write gate:");
        assertThatThrownBy(() -> of(ok(0, 200)).withGateHold(hold)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("burst of 3 requests");
        assertThatThrownBy(() -> GateHold.of(3, 4, 0, 0, Duration.ofMillis(1), GateHold.Opening.BOUND, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reached 4");
        assertThatThrownBy(() -> GateHold.of(3, 1, 1, 0, Duration.ofMillis(1), GateHold.Opening.BOUND, Duration.ofMillis(2), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both its start and its end");
    }

    @Test
    void passingAssertionsChain() {
        Responses responses = of(ok(0, 200), ok(1, 409), ok(2, 409));
        assertThat(responses).hasSize(3).noneFailed().exactlyOneHasStatus(200).hasStatusCount(409, 2)
                .atMostOneHasStatus(200).allHaveStatusIn(200, 409).wereSentWithin(Duration.ofMillis(1));
    }

    @Test
    void exactlyOneShowsEveryWinnerInATable() {
        Responses responses = of(ok(0, 200), ok(1, 200), ok(2, 409), ok(3, 200));
        assertThatThrownBy(() -> assertThat(responses).exactlyOneHasStatus(200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 response(s) with status 200, but found 3:")
                .hasMessageContaining("index  status time       failure")
                .hasMessageContaining("  0      200    5.00 ms\n")
                .hasMessageContaining("  3      200")
                .hasMessageContaining("Burst: 4 requests, 3×200, 1×409, sent within 0.003 ms")
                .message().doesNotContain("  2      409");
    }

    @Test
    void allHaveStatusListsTheOddOnesOutIncludingFailures() {
        Responses responses = of(ok(0, 200), ok(1, 500), failed(2));
        assertThatThrownBy(() -> assertThat(responses).allHaveStatus(200))
                .hasMessageContaining("Expected all 3 responses to have status 200, but 2 did not:")
                .hasMessageContaining("  1      500")
                .hasMessageContaining("  2      -      3.00 ms    ConnectException: Connection refused");
    }

    @Test
    void noneFailedNamesTheFailures() {
        assertThatThrownBy(() -> assertThat(of(ok(0, 200), failed(1))).noneFailed())
                .hasMessageContaining("Expected no failed requests, but 1 of 2 failed:")
                .hasMessageContaining("ConnectException: Connection refused");
    }

    @Test
    void hasSizeAndAtMostOne() {
        assertThatThrownBy(() -> assertThat(of(ok(0, 200))).hasSize(2))
                .hasMessageContaining("Expected 2 results, but the burst has 1.");
        assertThatThrownBy(() -> assertThat(of(ok(0, 201), ok(1, 201))).atMostOneHasStatus(201))
                .hasMessageContaining("Expected at most one response with status 201, but found 2:");
    }

    @Test
    void wereSentWithinComparesTheSendSpread() {
        Responses responses = of(ok(0, 200), ok(1, 200), ok(2, 200)); // sent at 3 µs, 4 µs, 5 µs
        assertThat(responses.sendSpread()).isEqualTo(Duration.ofNanos(2_000));
        assertThatThrownBy(() -> assertThat(responses).wereSentWithin(Duration.ofNanos(1_000)))
                .hasMessageContaining("Expected the requests to be sent within 0.001 ms, but the send spread was 0.002 ms.");
    }

    @Test
    void longTablesAreCut() {
        List<RequestResult> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(ok(i, 500));
        }
        assertThatThrownBy(() -> assertThat(Responses.of(many, Instant.now())).allHaveStatus(200))
                .hasMessageContaining("... and 10 more");
    }

    @Test
    void secretsNeverReachTheMessage() {
        assertThatThrownBy(() -> assertThat(of(ok(0, 500))).allHaveStatus(200))
                .message().doesNotContain("s3cret");
        assertThat(SPEC.toString()).contains("Authorization: ****").doesNotContain("s3cret");
    }

    @Test
    void nullIsReported() {
        assertThatThrownBy(() -> assertThat((Responses) null).hasSize(1)).hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void softAssertionsCollectEveryFailure() {
        Responses responses = of(ok(0, 500), failed(1));
        SoftAssertions softly = new SoftAssertions();
        softly.proxy(ResponsesAssert.class, Responses.class, responses).noneFailed();
        softly.proxy(ResponsesAssert.class, Responses.class, responses).allHaveStatus(200);
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    /** A project's own assertions, written the AssertJ way on top of Salvo's. */
    static final class CouponResponsesAssert extends AbstractResponsesAssert<CouponResponsesAssert> {

        CouponResponsesAssert(Responses actual) {
            super(actual, CouponResponsesAssert.class);
        }

        CouponResponsesAssert redeemedOnce() {
            return exactlyOneHasStatus(200).hasStatusCount(409, actual.size() - 1);
        }
    }

    @Test
    void aSubclassAddsChecksAndKeepsEveryInheritedOneChainable() {
        Responses once = of(ok(0, 409), ok(1, 200), ok(2, 409));
        CouponResponsesAssert chained = new CouponResponsesAssert(once).hasSize(3).noneFailed().redeemedOnce()
                .allHaveStatusIn(200, 409);
        assertThat(chained).isInstanceOf(CouponResponsesAssert.class);

        Responses twice = of(ok(0, 200), ok(1, 200), ok(2, 409));
        assertThatThrownBy(() -> new CouponResponsesAssert(twice).hasSize(3).redeemedOnce())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 response(s) with status 200, but found 2:");
    }
}
