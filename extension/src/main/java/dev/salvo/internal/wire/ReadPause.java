package dev.salvo.internal.wire;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ManagedSelector;

/**
 * Keeps Jetty from reading answers while a release loop writes: each selector that watches one
 * of the given connections runs an update that waits until {@link #close()}, at most a bound,
 * so that answers to the requests released first stay in their sockets and no thread of the
 * client competes with the release loop for the cores. A hand-written release does the same: it
 * reads its answers after the last write. Only delays; no byte is lost, since the kernel keeps
 * what arrives until Jetty reads it. Not API.
 */
public final class ReadPause implements AutoCloseable {

    /** The longest the release waits for the selectors to pause; past it, the release goes on regardless. */
    static final long SETTLE_MILLIS = 200;

    private final CountDownLatch resume = new CountDownLatch(1);

    private ReadPause() {}

    /**
     * Pauses the selectors of the connections, and returns once all are paused (or after
     * {@value #SETTLE_MILLIS} ms).
     *
     * @param connections the release's connections
     * @param boundMillis the longest any selector stays paused, even if {@link #close()} is never called
     * @return the pause; close it after the release's last write
     */
    public static ReadPause of(Collection<WireEndPoint> connections, long boundMillis) throws InterruptedException {
        Set<ManagedSelector> selectors = Collections.newSetFromMap(new IdentityHashMap<>());
        for (WireEndPoint connection : connections) {
            selectors.add(connection.selector());
        }
        ReadPause pause = new ReadPause();
        CountDownLatch paused = new CountDownLatch(selectors.size());
        for (ManagedSelector selector : selectors) {
            selector.submit(ignored -> {
                paused.countDown();
                try {
                    pause.resume.await(boundMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt(); // the client is stopping: let the selector see it
                }
            });
        }
        // A selector busy elsewhere past the bound: the release goes on without waiting for it
        // (if it pauses after the release, it finds the pause over and goes on at once).
        paused.await(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        return pause;
    }

    /** Lets the selectors read again. */
    @Override
    public void close() {
        resume.countDown();
    }
}
