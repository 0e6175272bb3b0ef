package dev.salvo.internal.engine;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The in-flight cap: a submitted request goes out at once while fewer than {@code limit} are in
 * flight, otherwise it waits in a queue and goes out as an earlier one completes. No thread ever
 * blocks here; whichever thread finds work drains the queue, and a thread that arrives while
 * another drains only leaves it more work. Not API.
 */
final class Dispatcher {

    private final int limit;
    private final Consumer<Outgoing> sender;
    private final Consumer<Outgoing> readier;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger work = new AtomicInteger();
    private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();
    private final Set<Outgoing> sent = ConcurrentHashMap.newKeySet();
    private volatile Throwable cancelled;

    /**
     * @param limit the most requests in flight
     * @param sender sends one request; must not block
     * @param readier readies the requests next in line while they wait (opens their
     *     connections), at most {@code limit} of them at a time; must not block
     */
    Dispatcher(int limit, Consumer<Outgoing> sender, Consumer<Outgoing> readier) {
        this.limit = limit;
        this.sender = sender;
        this.readier = readier;
    }

    void submit(Outgoing request) {
        waiting.add(request);
        drain();
    }

    /** Frees the request's place, if this dispatcher sent it; call when its exchange ends. */
    void ended(Outgoing request) {
        if (sent.remove(request)) {
            inFlight.decrementAndGet();
            drain();
        }
    }

    /** Fails every request still waiting, and every request submitted from now on. */
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
        Outgoing next;
        if (reason != null) {
            while ((next = waiting.poll()) != null) {
                next.exchange().fail(reason);
            }
            return;
        }
        while (inFlight.get() < limit && (next = waiting.poll()) != null) {
            inFlight.incrementAndGet();
            sent.add(next);
            if (next.exchange().isDone()) {
                if (sent.remove(next)) {
                    inFlight.decrementAndGet(); // ended while it waited: its place is free again
                }
                continue;
            }
            sender.accept(next);
        }
        int readied = 0;
        for (Outgoing waits : waiting) {
            if (readied++ >= limit) {
                break;
            }
            readier.accept(waits);
        }
    }
}
