package dev.salvo.internal.engine;

import java.time.Instant;

/** The time base of one burst: every timeline entry is nanoseconds since {@link #startedAt()}. Not API. */
public final class BurstClock {

    private final long startNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();

    /** @return nanoseconds since the burst started */
    public long now() {
        return System.nanoTime() - startNanos;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
