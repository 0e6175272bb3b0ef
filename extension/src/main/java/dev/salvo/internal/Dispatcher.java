package dev.salvo.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Sends exchanges, keeping at most {@code limit} in flight: a submitted exchange goes out at
 * once while there is room, otherwise it waits in a queue and goes out, from the completing
 * thread, as an earlier one completes. No thread ever blocks here. Not API.
 */
final class Dispatcher {

    /** Set while this thread is inside {@link #drain()}: a send that completes at once must not recurse. */
    private static final ThreadLocal<Boolean> DRAINING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final int limit;
    private final Scheduler scheduler;
    private final long timeoutMillis;
    private volatile boolean releasing;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Exchange> waiting = new ConcurrentLinkedQueue<>();
    private volatile Throwable cancelled;

    /**
     * @param limit the most exchanges in flight; {@code Integer.MAX_VALUE} for no cap
     * @param scheduler runs request timeouts
     * @param timeoutMillis each request's timeout, from its release
     */
    Dispatcher(int limit, Scheduler scheduler, long timeoutMillis) {
        this.limit = limit;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * While a release loop runs, exchanges sent leave their timeouts to be armed after the
     * loop, so that the loop does nothing but send.
     */
    void releasing(boolean inLoop) {
        releasing = inLoop;
    }

    void submit(Exchange exchange) {
        waiting.add(exchange);
        drain();
    }

    /** Called exactly once per exchange that was sent, when it completes. */
    void completed() {
        inFlight.decrementAndGet();
        drain();
    }

    /** Fails every exchange still waiting, and every exchange submitted from now on. */
    void cancel(Throwable reason) {
        cancelled = reason;
        drain();
    }

    private void drain() {
        if (DRAINING.get()) {
            return; // the loop below, further up this thread's stack, sees the freed room
        }
        DRAINING.set(Boolean.TRUE);
        try {
            drainLoop();
        } finally {
            DRAINING.set(Boolean.FALSE);
        }
    }

    private void drainLoop() {
        while (true) {
            Throwable reason = cancelled;
            if (reason != null) {
                Exchange dropped;
                while ((dropped = waiting.poll()) != null) {
                    dropped.fail(reason);
                }
                return;
            }
            int current = inFlight.get();
            if (current >= limit || waiting.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Exchange next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                continue;
            }
            next.send(releasing, scheduler, timeoutMillis);
        }
    }
}
