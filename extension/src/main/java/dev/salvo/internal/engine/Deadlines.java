package dev.salvo.internal.engine;

import dev.salvo.internal.plan.BurstPlan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The only reader of a burst's per-request timeout: arms each request's timer from its release,
 * bounds the waits before the release, and ends requests the client failed to end. Not API.
 */
final class Deadlines {

    /** How long past its own timeout a request may take before the watchdog ends it. */
    static final long WATCHDOG_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest a burst waits for connections to open, or for requests to be sent ahead. */
    static final long STAGING_LIMIT_MILLIS = 10_000;

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final BurstClock clock;

    Deadlines(BurstPlan plan, Scheduler scheduler, BurstClock clock) {
        this.timeoutMillis = plan.timeout().toMillis();
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** @return the longest to wait for a step before the release: the timeout, at most 10 s */
    long stagingMillis() {
        return Math.min(timeoutMillis, STAGING_LIMIT_MILLIS);
    }

    /** Starts an exchange's timer, counted from its release; the timer is cancelled when it ends. */
    void arm(Exchange exchange) {
        if (exchange.isDone()) {
            return;
        }
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(clock.now() - exchange.released());
        Scheduler.Task timer = scheduler.schedule(() -> exchange.fail(expired()), Math.max(0, left), TimeUnit.MILLISECONDS);
        exchange.ended().whenComplete((ignored, error) -> timer.cancel());
    }

    /** Ends, as timed out, every released exchange that is past its timeout by more than the grace. */
    void endStragglers(Iterable<Exchange> exchanges) {
        long limit = TimeUnit.MILLISECONDS.toNanos(timeoutMillis) + WATCHDOG_GRACE_NANOS;
        long now = clock.now();
        for (Exchange exchange : exchanges) {
            long released = exchange.released();
            if (released >= 0 && !exchange.isDone() && now - released > limit) {
                exchange.fail(expired());
            }
        }
    }

    private TimeoutException expired() {
        return new TimeoutException("no complete response within " + timeoutMillis + " ms of the release; the request was aborted");
    }
}
