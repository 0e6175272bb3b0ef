package dev.salvo.benchmarks;

import dev.salvo.internal.gate.BurstGate;
import dev.salvo.internal.gate.Gates;
import java.net.URI;
import java.time.Duration;

/**
 * A contender that is not Salvo's engine (the hand-written baseline) with the write gate armed
 * around each of its bursts, through the gate's internal entry points, as {@code holdWrites}
 * arms it for a Salvo burst. The gate does not know the baseline's connections, so it tells the
 * bursts' server threads by the server frames on their stacks. Benchmark only: a test that
 * wants the gate uses {@code holdWrites}.
 */
final class HandArmedGate implements Contender {

    private static final Duration BOUND = Duration.ofMillis(250);

    private final Contender inner;

    HandArmedGate(Contender inner) {
        this.inner = inner;
    }

    @Override
    public String mode() {
        return inner.mode() + ", write gate armed by hand";
    }

    @Override
    public Outcome burst(URI baseUrl, String burst, int count) throws Exception {
        long start = System.nanoTime();
        BurstGate gate = Gates.take(count, BOUND, () -> System.nanoTime() - start, REQUEST_TIMEOUT);
        Outcome outcome;
        try {
            gate.connectionNotKnown();
            gate.arm();
            outcome = inner.burst(baseUrl, burst, count);
        } finally {
            gate.disarm();
        }
        return outcome.withGate(gate.disarm()); // disarming again only reads what the gate did
    }
}
