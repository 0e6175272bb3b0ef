package dev.salvo.internal;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The in-flight cap: a submitted exchange goes out at once while fewer than {@code limit} are in
 * flight, otherwise it waits in a queue and goes out as an earlier one completes. No thread ever
 * blocks here; whichever thread finds work drains the queue, and a thread that arrives while
 * another drains only leaves it more work. Not API.
 */
final class Dispatcher {

    private final int limit;
    private final Consumer<Exchange> sender;
    private final Consumer<Exchange> readier;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger work = new AtomicInteger();
    private final Queue<Exchange> waiting = new ConcurrentLinkedQueue<>();
    private final Set<Exchange> sent = ConcurrentHashMap.newKeySet();
    private volatile Throwable cancelled;

    /**
     * @param limit the most exchanges in flight
     * @param sender sends one exchange; must not block
     * @param readier readies the exchanges next in line while they wait (opens their
     *     connections), at most {@code limit} of them at a time; must not block
     */
    Dispatcher(int limit, Consumer<Exchange> sender, Consumer<Exchange> readier) {
        this.limit = limit;
        this.sender = sender;
        this.readier = readier;
    }

    void submit(Exchange exchange) {
        waiting.add(exchange);
        drain();
    }

    /** Frees the exchange's place, if this dispatcher sent it; call when an exchange ends. */
    void ended(Exchange exchange) {
        if (sent.remove(exchange)) {
            inFlight.decrementAndGet();
            drain();
        }
    }

    /** Fails every exchange still waiting, and every exchange submitted from now on. */
    void cancel(Throwable reason) {
        cancelled = reason;
        drain();
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return; // the thread draining now sees the change on its next pass
        }
        int passes = 1;
        do {
            drainOnce();
            passes = work.addAndGet(-passes);
        } while (passes != 0);
    }

    private void drainOnce() {
        Throwable reason = cancelled;
        Exchange next;
        if (reason != null) {
            while ((next = waiting.poll()) != null) {
                next.fail(reason);
            }
            return;
        }
        while (inFlight.get() < limit && (next = waiting.poll()) != null) {
            inFlight.incrementAndGet();
            sent.add(next);
            sender.accept(next);
        }
        int readied = 0;
        for (Exchange waits : waiting) {
            if (readied++ >= limit) {
                break;
            }
            readier.accept(waits);
        }
    }
}
