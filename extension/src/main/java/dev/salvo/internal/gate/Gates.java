package dev.salvo.internal.gate;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The JVM's write gate: at most one burst's gate at a time, and the one armed now, which every
 * wrapped {@code DataSource} of the JVM consults. Bursts with {@code holdWrites} take turns, so
 * that a thread serving an HTTP request is never taken for the wrong burst's. Unarmed, the
 * wrapped JDBC objects read one volatile field per call and do nothing else. Not API.
 */
public final class Gates {

    private static final Semaphore TURN = new Semaphore(1, true);
    private static volatile BurstGate armed;

    private Gates() {}

    /**
     * Takes the JVM's gate for one burst, waiting (bounded) while another burst holds it.
     *
     * @param requests the burst's requests
     * @param bound the longest a write is held
     * @param clock nanoseconds since the burst's start
     * @param wait the longest to wait for another burst's gate to close
     * @return the burst's gate, not armed yet; or, when the wait ran out, a gate that holds
     *     nothing and says so
     * @throws InterruptedException if the calling thread was interrupted while it waited
     */
    public static BurstGate take(int requests, Duration bound, LongSupplier clock, Duration wait) throws InterruptedException {
        if (TURN.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return new BurstGate(requests, bound, clock, TURN::release);
        }
        return new BurstGate(requests, bound, clock, null); // another burst's gate is armed: this one never is
    }

    /** @return the gate armed now, or {@code null} */
    static BurstGate current() {
        return armed;
    }

    static void armed(BurstGate gate) {
        armed = gate;
    }

    static void disarmed(BurstGate gate) {
        if (armed == gate) {
            armed = null;
        }
    }

    // ---- the hooks of the wrapped JDBC objects ----

    static void beforeStatement(SqlKind kind) {
        BurstGate gate = armed;
        if (gate != null) {
            gate.beforeStatement(kind);
        }
    }

    static void workEnded() {
        BurstGate gate = armed;
        if (gate != null) {
            gate.workEnded();
        }
    }
}
