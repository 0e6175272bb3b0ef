package dev.salvo.gate;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.salvo.Burst;
import dev.salvo.GateHold;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The gate never breaks a correct service, never hangs and never holds work that is not the
 * burst's: services that lock correctly pass every round with the gate, bursts that never write
 * end at once, a lock taken before the first write is ended by the bound (and said so), a pool
 * smaller than the burst opens the gate instead of starving it, and a thread of the application
 * that is not serving the burst writes through the same {@code DataSource} while the burst is
 * held.
 */
@ResourceLock(RaceService.LOCK)
class SafeGateTest {

    private static final int REQUESTS = 20;
    private static final int ROUNDS = 50;

    private static RaceService service;

    @BeforeAll
    static void start() {
        service = RaceService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Burst burst(RaceService on) {
        // a bound far above the hold's few milliseconds: these tests state an order of events, not a speed
        return Burst.of(REQUESTS).baseUrl(on.baseUrl()).timeout(Duration.ofSeconds(10)).holdWrites(true)
                .holdBound(Duration.ofSeconds(5));
    }

    private static RequestSpec post(String path) {
        return RequestSpec.post(path, "", "text/plain");
    }

    @Test
    void aUniqueConstraintPassesEveryRound() throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            String code = "unique-" + round;
            Responses responses = burst(service).prepare(i -> post("/unique-claims/" + code)).fire();
            assertThat(responses).noneFailed().exactlyOneHasStatus(200).hasStatusCount(409, REQUESTS - 1).allReachedTheGate();
            assertThat(service.claimsOf(code)).isEqualTo(1);
        }
    }

    @Test
    void anAtomicUpdatePassesEveryRound() throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            long account = 2_000 + round;
            service.openAccount(account);
            Responses responses = burst(service).prepare(i -> post("/atomic-deposits/" + account)).fire();
            assertThat(responses).noneFailed().allHaveStatus(200).allReachedTheGate();
            assertThat(service.balance(account)).isEqualTo(10L * REQUESTS);
        }
    }

    @Test
    void selectForUpdatePassesEveryRound() throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            long account = 3_000 + round;
            service.openAccount(account);
            Responses responses = burst(service).prepare(i -> post("/locked-deposits/" + account)).fire();
            assertThat(responses).noneFailed().allHaveStatus(200).allReachedTheGate();
            // FOR UPDATE takes the row's write lock: it is the first write, held before the lock is taken
            assertThat(responses.gateHold().orElseThrow().reached()).isEqualTo(REQUESTS);
            assertThat(service.balance(account)).isEqualTo(10L * REQUESTS);
        }
    }

    @Test
    void aBurstThatOnlyReadsIsNeverHeld() throws SQLException {
        service.openAccount(4_000);
        Responses responses = burst(service).prepare(i -> RequestSpec.get("/balances/4000")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        GateHold gate = responses.gateHold().orElseThrow();
        assertThat(gate.opening()).isEqualTo(GateHold.Opening.NO_WRITES);
        assertThat(gate.held()).isZero();
        assertThat(gate.reached()).isZero();
        assertThat(gate.holdTime()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> assertThat(responses).allReachedTheGate())
                .hasMessageContaining("no request of the burst wrote");
    }

    @Test
    void aBurstThatNeverTouchesTheDatabaseIsNeverHeld() {
        Responses responses = burst(service).prepare(i -> RequestSpec.get("/hello")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(responses.gateHold().orElseThrow().opening()).isEqualTo(GateHold.Opening.NO_WRITES);
    }

    /**
     * The first request takes a Java lock, reads and waits at its write while holding it; the
     * others wait for the lock and never reach theirs. Only the bound can open the gate: it does,
     * the service stays correct, and the result says the bound ended the hold.
     */
    @Test
    void aLockTakenBeforeTheFirstWriteIsEndedByTheBound() throws SQLException {
        Duration bound = Duration.ofMillis(200);
        Responses responses = burst(service).holdBound(bound).prepare(i -> post("/synchronized-claims/locked")).fire();
        assertThat(responses).noneFailed().exactlyOneHasStatus(200).hasStatusCount(409, REQUESTS - 1);
        assertThat(service.claimsOf("locked")).isEqualTo(1);
        GateHold gate = responses.gateHold().orElseThrow();
        assertThat(gate.opening()).isEqualTo(GateHold.Opening.BOUND);
        assertThat(gate.boundEndedTheHold()).isTrue();
        assertThat(gate.held()).isEqualTo(1);
        assertThat(gate.holdTime()).isGreaterThanOrEqualTo(bound);
        assertThat(responses.toString()).contains("write gate").contains("bound");
        assertThatThrownBy(() -> assertThat(responses).allReachedTheGate())
                .hasMessageContaining("its bound of 200 ms passed");
    }

    /**
     * Nineteen requests are held at their write, waiting for the twentieth, which waits for the
     * test. Meanwhile a thread of the application that serves no request writes through the same
     * {@code DataSource}: it is not held (had it been, it would wait for the twentieth, which waits
     * for it, and only the 5 s bound would end the hold).
     */
    @Test
    void anUnrelatedThreadWritingDuringTheHoldIsNeverHeld() throws Exception {
        int before = service.beforeWrite();
        AtomicLong claimsWhenTheNoteWasWritten = new AtomicLong(-1);
        CompletableFuture<Void> unrelated = CompletableFuture.runAsync(() -> {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(1))
                        .until(() -> service.beforeWrite() - before >= REQUESTS - 1);
                service.writeNote("written during the hold");
                claimsWhenTheNoteWasWritten.set(service.claimsOf("parked"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                service.unpark();
            }
        });
        Responses responses = burst(service).prepare(i -> post(i == 0 ? "/parked-claims/parked" : "/naive-claims/parked")).fire();
        unrelated.get(10, TimeUnit.SECONDS);
        assertThat(claimsWhenTheNoteWasWritten.get()).as("claims inserted when the unrelated note was written").isZero();
        assertThat(responses).noneFailed().allReachedTheGate();
        GateHold gate = responses.gateHold().orElseThrow();
        assertThat(gate.opening()).isEqualTo(GateHold.Opening.ALL_ARRIVED);
        assertThat(gate.held()).isGreaterThanOrEqualTo(REQUESTS - 1);
    }

    /** HikariCP, as Spring Boot configures it, between the gate and the database. */
    @Test
    void aHikariPoolBehindTheGateWorks() throws SQLException {
        try (RaceService hikari = RaceService.start(raw -> hikari(raw, 32))) {
            for (int round = 0; round < 5; round++) {
                String code = "hikari-" + round;
                Responses responses = burst(hikari).prepare(i -> post("/naive-claims/" + code)).fire();
                assertThat(responses).noneFailed().allReachedTheGate();
                assertThat(hikari.claimsOf(code)).isEqualTo(REQUESTS);
            }
        } finally {
            closeHikaris();
        }
    }

    /**
     * Five connections for twenty requests: the five that hold one wait at their write, the
     * fifteen others wait for a connection. The gate sees that (nothing moved for half the
     * bound) and opens before its bound.
     */
    @Test
    void aPoolSmallerThanTheBurstOpensTheGate() throws SQLException {
        try (RaceService small = RaceService.start(raw -> hikari(raw, 5))) {
            Responses responses = burst(small).holdBound(Duration.ofSeconds(2)).prepare(i -> post("/unique-claims/small")).fire();
            assertThat(responses).noneFailed().exactlyOneHasStatus(200);
            GateHold gate = responses.gateHold().orElseThrow();
            assertThat(gate.opening()).isEqualTo(GateHold.Opening.CONNECTIONS_EXHAUSTED);
            assertThat(gate.boundEndedTheHold()).isFalse();
            assertThatThrownBy(() -> assertThat(responses).allReachedTheGate())
                    .hasMessageContaining("give the pool at least 20 connections");
        } finally {
            closeHikaris();
        }
    }

    private static final java.util.List<HikariDataSource> HIKARIS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static DataSource hikari(DataSource raw, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(raw);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setPoolName("gate-test-" + size);
        HikariDataSource pool = new HikariDataSource(config);
        HIKARIS.add(pool);
        // as in an application that is up and serving: the pool has opened its connections
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> pool.getHikariPoolMXBean().getIdleConnections() >= size);
        return pool;
    }

    private static void closeHikaris() {
        HIKARIS.forEach(HikariDataSource::close);
        HIKARIS.clear();
    }
}
