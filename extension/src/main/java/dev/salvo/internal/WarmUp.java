package dev.salvo.internal;

import dev.salvo.Release;
import dev.salvo.RequestSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms Salvo's send path once per JVM, so that the first real burst is not released by
 * interpreted code: a few bursts through a client of its own to an in-JVM {@link LoopbackSink}.
 * Nothing is sent to the server under test. Best effort: a failure only leaves the JVM cold.
 * Not API.
 */
final class WarmUp {

    static final int ROUNDS = 6;
    static final int REQUESTS = 200;

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private WarmUp() {}

    /** Runs the warm-up if this JVM has not had it yet; the first caller waits for it. */
    static synchronized void once() {
        if (DONE.get() || Boolean.getBoolean("salvo.warm-up.skip")) {
            return;
        }
        DONE.set(true);
        try (LoopbackSink sink = LoopbackSink.start(); SalvoClient client = SalvoClient.startCold(TlsTrust.VERIFY)) {
            String url = sink.url();
            BurstPlan whole = BurstPlan.defaults(REQUESTS).withTimeout(Duration.ofSeconds(5)).withRelease(Release.PRECONNECT);
            BurstPlan lastByte = whole.withRelease(Release.LAST_BYTE);
            for (int round = 0; round < ROUNDS; round++) {
                BurstEngine.run(whole, i -> RequestSpec.get(url), client);
                BurstEngine.run(lastByte, i -> RequestSpec.post(url, "warm", "text/plain"), client);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the caller's burst sees the interrupt and stops
        } catch (Exception | LinkageError stayCold) {
            // the warm-up only makes the first burst tighter; the burst itself does not need it
        }
    }
}
