package dev.salvo.samples.wallet;

import java.time.Duration;

/** Sleeps, turning an interrupt into an exception that keeps the interrupt flag. */
final class Pause {

    private Pause() {}

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
