package dev.salvo.gate;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.GateHold;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * With {@code holdWrites}, a naive service's race shows in (nearly) every round: every request
 * reads before any writes. Nothing in the service widens its window; each handler runs its
 * statements back to back, as production code does.
 */
@ResourceLock(RaceService.LOCK)
class CaughtRacesTest {

    private static final int REQUESTS = 20;
    private static final int ROUNDS = 20;

    private static RaceService service;

    @BeforeAll
    static void start() {
        service = RaceService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Burst burst() {
        // a bound far above the hold's few milliseconds: these tests state an order of events, not a speed
        return Burst.of(REQUESTS).baseUrl(service.baseUrl()).timeout(Duration.ofSeconds(10)).holdWrites(true)
                .holdBound(Duration.ofSeconds(5));
    }

    @Test
    void checkThenInsertIsCaughtInAtLeast19Of20Rounds() throws SQLException {
        int caught = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String code = "code-" + round;
            Responses responses = burst().prepare(i -> RequestSpec.post("/naive-claims/" + code, "", "text/plain")).fire();
            assertThat(responses).noneFailed();
            GateHold gate = responses.gateHold().orElseThrow();
            assertThat(gate.requests()).isEqualTo(REQUESTS);
            if (service.claimsOf(code) > 1) {
                caught++;
                assertThat(responses.statusCounts().get(200)).isGreaterThan(1L);
            }
        }
        assertThat(caught).as("rounds of %d in which more than one claim of the same code was inserted", ROUNDS)
                .isGreaterThanOrEqualTo(19);
    }

    @Test
    void everyRequestReadsBeforeAnyWrites() throws SQLException {
        String code = "all-read";
        Responses responses = burst().prepare(i -> RequestSpec.post("/naive-claims/" + code, "", "text/plain")).fire();
        assertThat(responses).noneFailed().allReachedTheGate();
        GateHold gate = responses.gateHold().orElseThrow();
        assertThat(gate.opening()).isEqualTo(GateHold.Opening.ALL_ARRIVED);
        assertThat(gate.reached()).isEqualTo(REQUESTS);
        assertThat(gate.held()).isEqualTo(REQUESTS - 1); // the last to arrive opens the gate and is not held
        assertThat(gate.boundEndedTheHold()).isFalse();
        // every request found no claim, so every one inserted: the schedule the gate forces
        assertThat(service.claimsOf(code)).isEqualTo(REQUESTS);
        assertThat(responses).allHaveStatus(200);
    }

    @Test
    void lostUpdateIsCaughtInAtLeast19Of20Rounds() throws SQLException {
        int caught = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long account = 1_000 + round;
            service.openAccount(account);
            Responses responses = burst().prepare(i -> RequestSpec.post("/naive-deposits/" + account, "", "text/plain")).fire();
            assertThat(responses).noneFailed().allHaveStatus(200);
            if (service.balance(account) < 10L * REQUESTS) {
                caught++;
            }
        }
        assertThat(caught).as("rounds of %d in which a deposit of the burst was lost", ROUNDS).isGreaterThanOrEqualTo(19);
    }

    @Test
    void withoutHoldWritesNothingIsHeldAndNothingIsSaid() {
        Responses responses = Burst.of(5).baseUrl(service.baseUrl())
                .prepare(i -> RequestSpec.post("/naive-claims/unheld", "", "text/plain")).fire();
        assertThat(responses).noneFailed();
        assertThat(responses.gateHold()).isEmpty();
        assertThat(responses.toString()).doesNotContain("write gate");
    }
}
