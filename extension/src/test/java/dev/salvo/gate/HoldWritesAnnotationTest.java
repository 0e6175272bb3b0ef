package dev.salvo.gate;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.GateHold;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code holdWrites} on the annotation: each round forces every request to read before any writes. */
@ResourceLock(RaceService.LOCK)
class HoldWritesAnnotationTest {

    private static final AtomicInteger ROUND = new AtomicInteger();
    private static RaceService service;

    @BaseUrl
    static String baseUrl() {
        return service.baseUrl();
    }

    @BeforeAll
    static void start() {
        service = RaceService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String code() {
        return "annotated-" + ROUND.get();
    }

    @PrepareRequest
    RequestSpec claim(int index) {
        return RequestSpec.post("/naive-claims/" + code(), "", "text/plain");
    }

    @ConcurrentRequests(count = 10, holdWrites = true, holdBoundMillis = 5_000, rounds = 3)
    void everyRoundRacesAtTheGate(Responses responses) throws SQLException {
        assertThat(responses).noneFailed().allReachedTheGate();
        GateHold gate = responses.gateHold().orElseThrow();
        assertThat(gate.bound().toMillis()).isEqualTo(5_000);
        assertThat(gate.reached()).isEqualTo(10);
        // every request read before any wrote, so each found the code unclaimed and claimed it
        assertThat(service.claimsOf(code())).isEqualTo(10);
        ROUND.incrementAndGet();
    }
}
