package dev.salvo.internal.gate;

import dev.salvo.GateHold;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The write gate of one burst. Once armed, every thread doing the burst's work (see
 * {@link BurstThreads}) runs its reads freely and waits at its first write until each of the
 * burst's requests is accounted for:
 *
 * <ul>
 *   <li>its thread waits at its first write, or ended its database work (commit, rollback, the
 *       connection given back) before writing; or
 *   <li>the client has its answer (or its failure); or
 *   <li>its thread waits for a database connection that the held threads keep (a pool smaller
 *       than the burst): seen as the thread parked inside {@code getConnection} while the burst
 *       made no progress (no connection handed out, no arrival, no work ended, no answer) for
 *       half the bound. A pool that is still growing hands out a connection far more often
 *       (HikariCP opens one about every 30 ms), so its waiters are waited for.
 * </ul>
 *
 * Then, or once the bound has passed since the first write was held, or when the burst ends,
 * the gate opens for good and every held thread goes on. It only ever delays a thread, never
 * longer than the bound, and never a thread that is not the burst's. Not API.
 */
public final class BurstGate {

    /** How long a thread must be seen parked inside {@code getConnection} to count as waiting for one. */
    private static final long PARKED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often a held thread looks at threads inside {@code getConnection}. */
    private static final long LOOK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final int requests;
    private final long boundNanos;
    private final LongSupplier clock;
    private final Duration bound;
    private final Runnable onClose;
    private final Map<Thread, Party> threads = new ConcurrentHashMap<>();
    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    private volatile boolean portsKnown = true;
    private volatile boolean open;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private boolean armed;
    private boolean closed;
    private int admitted;
    private int accounted;
    private int waiting;
    private int reached;
    private int held;
    private int ended;
    private int answered;
    private int connecting;
    private boolean someoneLooks;
    private long firstHeldAt = -1;
    private long progressAt;
    private long openedAt = -1;
    private GateHold.Opening opening;

    /**
     * @param requests the burst's requests
     * @param bound the longest a write is held
     * @param clock nanoseconds since the burst's start, for the hold's bound and the outcome's instants
     * @param onClose run once when the gate closes, to give up its turn; {@code null} for a
     *     gate that did not get a turn, which is never armed and holds nothing
     */
    BurstGate(int requests, Duration bound, LongSupplier clock, Runnable onClose) {
        this.requests = requests;
        this.bound = bound;
        this.boundNanos = bound.toNanos();
        this.clock = clock;
        this.onClose = onClose;
    }

    /** From now on, the burst's threads are held at their first write. */
    public void arm() {
        lock.lock();
        try {
            if (!closed && onClose != null) {
                armed = true;
                Gates.armed(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Notes the local port of one of the burst's connections: a request from it is the burst's. */
    public void connectionOpened(int localPort) {
        ports.add(localPort);
    }

    /** Notes that a request of the burst went out on a connection whose port is not known. */
    public void connectionNotKnown() {
        portsKnown = false;
    }

    /** Notes that the client has one request's answer, or its failure. */
    public void requestEnded() {
        lock.lock();
        try {
            answered++;
            progressAt = clock.getAsLong();
            decide();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Disarms and opens the gate, if it was not open yet; every held thread goes on.
     *
     * @return what the gate did
     */
    public GateHold disarm() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                Gates.disarmed(this);
                if (!open) {
                    openWith(onClose == null ? GateHold.Opening.NOT_ARMED
                            : firstHeldAt < 0 ? GateHold.Opening.NO_WRITES : GateHold.Opening.BURST_ENDED);
                }
                if (onClose != null) {
                    onClose.run();
                }
            }
            return outcome();
        } finally {
            lock.unlock();
        }
    }

    private GateHold outcome() {
        boolean wasHeld = firstHeldAt >= 0;
        return GateHold.of(requests, Math.min(reached, requests), Math.min(held, requests), ended, bound, opening,
                wasHeld ? Duration.ofNanos(Math.max(0, firstHeldAt)) : null,
                wasHeld ? Duration.ofNanos(Math.max(firstHeldAt, openedAt)) : null);
    }

    // ---- called on the application's threads, through the wrapped JDBC objects ----

    /** Before a statement runs on the current thread: a first write of the burst's waits here. */
    void beforeStatement(SqlKind kind) {
        if (kind != SqlKind.WRITE) {
            return;
        }
        Party party = party();
        if (party == null || party.passed) {
            return;
        }
        lock.lock();
        try {
            if (!open) {
                hold(party);
            }
            party.passed = true;
        } finally {
            lock.unlock();
        }
    }

    /** After a commit, rollback or close on the current thread: a burst's thread that has not written has ended its work. */
    void workEnded() {
        Party party = party();
        if (party == null || party.passed || party.accounted || open) {
            return;
        }
        lock.lock();
        try {
            if (!party.accounted) {
                party.accounted = true;
                party.endedFirst = true;
                accounted++;
                ended++;
                progressAt = clock.getAsLong();
                decide();
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the current thread's party when it is inside {@code getConnection} as the burst's, else {@code null} */
    Party connecting() {
        Party party = party();
        if (party == null || party.passed || open) {
            return null;
        }
        lock.lock();
        try {
            party.connecting = true;
            party.parkedSince = -1;
            if (connecting++ == 0 && waiting > 0) {
                changed.signal(); // a held thread starts looking at the threads inside getConnection
            }
        } finally {
            lock.unlock();
        }
        return party;
    }

    /** The current thread has its connection (or failed to get one). */
    void connected(Party party) {
        lock.lock();
        try {
            party.connecting = false;
            connecting--;
            progressAt = clock.getAsLong();
            decide();
        } finally {
            lock.unlock();
        }
    }

    /** @return the current thread's party when it is the burst's, else {@code null}; each thread is placed once */
    private Party party() {
        Thread thread = Thread.currentThread();
        Party party = threads.get(thread);
        if (party == null) {
            party = threads.computeIfAbsent(thread, this::place);
        }
        return party.burst ? party : null;
    }

    private Party place(Thread thread) {
        OptionalInt port = BurstThreads.servedClientPort();
        boolean burst;
        if (port.isPresent() && (portsKnown || ports.contains(port.getAsInt()))) {
            burst = ports.contains(port.getAsInt());
        } else {
            burst = BurstThreads.servingHttp();
        }
        if (burst) {
            lock.lock();
            try {
                burst = admitted < requests; // never more threads than requests
                if (burst) {
                    admitted++;
                }
            } finally {
                lock.unlock();
            }
        }
        return new Party(thread, burst);
    }

    /** Holds the current thread, at its first write, until the gate opens. Called with the lock held. */
    private void hold(Party party) {
        reached++;
        if (party.endedFirst) {
            party.endedFirst = false; // it ended some work (a read on a connection of its own), then came to write
            ended--;
        }
        if (!party.accounted) {
            party.accounted = true;
            accounted++;
        }
        waiting++;
        long now = clock.getAsLong();
        progressAt = now;
        if (firstHeldAt < 0) {
            firstHeldAt = now;
        }
        decide();
        if (open) {
            waiting--;
            return; // the last to arrive: nobody to wait for
        }
        held++;
        long deadline = firstHeldAt + boundNanos;
        boolean looking = false;
        try {
            while (!open) {
                long left = deadline - clock.getAsLong();
                if (left <= 0) {
                    openWith(GateHold.Opening.BOUND);
                    break;
                }
                // one held thread at a time looks at the threads inside getConnection; the others sleep until told
                if (!looking && connecting > 0 && !someoneLooks) {
                    looking = someoneLooks = true;
                }
                changed.awaitNanos(looking ? Math.min(left, LOOK_NANOS) : left);
                decide();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // whoever interrupts this thread wants it to go on: it does
        } finally {
            waiting--;
            if (looking) {
                someoneLooks = false;
            }
        }
    }

    /** Opens the gate when every request is accounted for. Called with the lock held. */
    private void decide() {
        if (open || !armed || waiting == 0) {
            return;
        }
        if (accounted >= requests || waiting + answered >= requests) {
            openWith(GateHold.Opening.ALL_ARRIVED);
        } else if (connecting > 0 && clock.getAsLong() - progressAt >= boundNanos / 2
                && waiting + answered + parkedConnecting() >= requests) {
            openWith(GateHold.Opening.CONNECTIONS_EXHAUSTED);
        }
    }

    /** @return the burst's threads inside {@code getConnection} that have been parked there for a moment */
    private int parkedConnecting() {
        long now = clock.getAsLong();
        int parked = 0;
        for (Party party : threads.values()) {
            if (!party.burst || !party.connecting) {
                continue;
            }
            Thread.State state = party.thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                if (party.parkedSince < 0) {
                    party.parkedSince = now;
                } else if (now - party.parkedSince >= PARKED_NANOS) {
                    parked++;
                }
            } else {
                party.parkedSince = -1;
            }
        }
        return parked;
    }

    private void openWith(GateHold.Opening why) {
        open = true;
        opening = why;
        openedAt = clock.getAsLong();
        changed.signalAll();
    }

    /** One thread's part in the burst. Its fields are written by that thread, or under the gate's lock. */
    static final class Party {
        final Thread thread;
        final boolean burst;
        volatile boolean passed;
        volatile boolean accounted;
        boolean endedFirst;
        volatile boolean connecting;
        long parkedSince = -1;

        Party(Thread thread, boolean burst) {
            this.thread = thread;
            this.burst = burst;
        }
    }
}
