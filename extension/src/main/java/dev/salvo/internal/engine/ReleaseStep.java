package dev.salvo.internal.engine;

import dev.salvo.internal.client.Http2Pings;
import dev.salvo.internal.wire.ReadPause;
import dev.salvo.internal.wire.WireEndPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;

/**
 * Sends a burst's requests ahead of the release but their ends, then releases them all from one
 * thread: the held final bytes (HTTP/1.1), each connection's withheld stream ends in one write
 * (HTTP/2), then every request sent whole. The only writer of the release and end-of-request
 * stamps of requests released together. Not API.
 */
final class ReleaseStep {

    /** The longest the release waits for the PING acknowledgements of its HTTP/2 connections. */
    static final long PING_WAIT_MILLIS = 1_000;

    /** The longest the client's reading of answers is paused while an HTTP/1.1 release writes. */
    static final long READ_PAUSE_MILLIS = 1_000;

    private final List<Outgoing> requests;
    private final boolean http2;
    private final Deadlines deadlines;
    private final Http2Pings pings;
    private final List<Integer> releasedWhole = new ArrayList<>();

    /**
     * @param requests every request of the burst, in index order, each with its connection if it could be opened
     * @param http2 whether the burst speaks HTTP/2, whose withheld ends are written one write per connection
     * @param deadlines bounds the waits and arms each request's timer once it is released
     * @param pings PING round trips on the client's HTTP/2 sessions
     */
    ReleaseStep(List<Outgoing> requests, boolean http2, Deadlines deadlines, Http2Pings pings) {
        this.requests = requests;
        this.http2 = http2;
        this.deadlines = deadlines;
        this.pings = pings;
    }

    /**
     * For requests that withhold their end: sends everything else now, and waits (bounded) until
     * it was written, so that the release has only the ends left to write. A request whose
     * connection has no plain socket below it to hold a byte with is sent whole at the release.
     */
    void sendAhead() throws InterruptedException {
        List<CompletableFuture<Void>> ahead = new ArrayList<>();
        for (Outgoing request : requests) {
            if (request.send() == Outgoing.Send.HOLD_LAST_BYTE && request.endPoint() == null) {
                request.sendWholeInstead();
            }
            if (request.send() != Outgoing.Send.WHOLE && !request.exchange().isDone()) {
                ahead.add(request.sendAhead());
            }
        }
        if (!ahead.isEmpty()) {
            awaitBounded(ahead, deadlines.stagingMillis()); // a request that could not be sent ahead fails on its own, as data; the rest go on
        }
        if (http2) {
            pingEachConnection();
        }
    }

    /**
     * HTTP/2: one PING round trip on every connection with a stream to release, all at once, and
     * a bounded wait for the acknowledgements. When one arrives, the server has read every head
     * sent ahead on that connection, and the client has read every answer the server began
     * before it: a stream the server answered without waiting for its end is known as answered
     * before the release. A server that does not acknowledge in time only delays the release.
     */
    private void pingEachConnection() throws InterruptedException {
        Set<Session> sessions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Outgoing request : requests) {
            if (request.send() == Outgoing.Send.HOLD_END && !request.exchange().isDone()
                    && request.connection() instanceof HttpConnectionOverHTTP2 h2) {
                sessions.add(h2.getSession());
            }
        }
        List<CompletableFuture<Void>> trips = new ArrayList<>(sessions.size());
        for (Session session : sessions) {
            trips.add(pings.roundTrip(session));
        }
        if (!trips.isEmpty()) {
            awaitBounded(trips, Math.min(deadlines.stagingMillis(), PING_WAIT_MILLIS));
        }
    }

    /**
     * The release, in index order, in tight loops. Only after the last write are Jetty's pending
     * writes completed and the timers armed.
     */
    void release() throws InterruptedException {
        List<Outgoing> released = new ArrayList<>(requests.size());
        try (ReadPause quiet = pauseReads()) {
            Map<WireEndPoint, List<Outgoing>> corked = new LinkedHashMap<>();
            for (Outgoing request : pending(Outgoing.Send.HOLD_END)) {
                if (http2 && request.endPoint() != null) {
                    corked.computeIfAbsent(request.endPoint(), e -> new ArrayList<>()).add(request);
                }
            }
            for (Outgoing request : pending(Outgoing.Send.HOLD_LAST_BYTE)) {
                if (answered(request)) {
                    request.exchange().stampAnsweredBeforeRelease();
                }
            }
            corked.keySet().forEach(WireEndPoint::cork);
            releaseAll(corked, released);
        }
        for (Outgoing request : released) {
            if (request.send() == Outgoing.Send.HOLD_LAST_BYTE) {
                request.endPoint().completeHeld();
            }
        }
        released.forEach(request -> deadlines.arm(request.exchange()));
    }

    /**
     * Over HTTP/1.1, with more than one request to write at the release: pauses the client's
     * reading of answers from just before the last look for early answers until the release's
     * last write ({@link ReadPause}), at most {@value #READ_PAUSE_MILLIS} ms; {@code null}
     * otherwise.
     */
    private ReadPause pauseReads() throws InterruptedException {
        if (http2) {
            return null; // one write per connection: nothing to compete with
        }
        List<WireEndPoint> connections = new ArrayList<>();
        for (Outgoing request : requests) {
            if (!request.exchange().isDone() && request.endPoint() != null) {
                connections.add(request.endPoint());
            }
        }
        return connections.size() > 1 ? ReadPause.of(connections, READ_PAUSE_MILLIS) : null;
    }

    private void releaseAll(Map<WireEndPoint, List<Outgoing>> corked, List<Outgoing> released) throws InterruptedException {
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (Outgoing request : requests) {
            Exchange exchange = request.exchange();
            if (exchange.isDone() || request.send() == Outgoing.Send.WHOLE) {
                continue;
            }
            released.add(request);
            if (!request.onlyEndLeft()) {
                releasedWhole.add(exchange.index()); // its part ahead was not written by now: the release carries it
            }
            if (request.send() == Outgoing.Send.HOLD_LAST_BYTE) {
                exchange.stampRelease();
                if (writeHeld(request)) {
                    exchange.stampEndWritten();
                }
            } else {
                if (!corked.containsKey(request.endPoint())) {
                    exchange.stampRelease(); // HTTPS over HTTP/1.1: Jetty writes the end as it comes
                }
                CompletableFuture<Void> taken = request.withheld().release();
                if (request.onlyEndLeft()) {
                    queued.add(taken); // a stream still stuck ahead of its end is not waited for
                }
            }
        }
        if (!corked.isEmpty()) {
            uncork(corked, queued);
        }
        for (Outgoing request : pending(Outgoing.Send.WHOLE)) {
            request.sendWhole();
            released.add(request);
            releasedWhole.add(request.exchange().index());
        }
    }

    /** @return the indexes of the requests the release wrote whole, nothing of them written ahead; after {@link #release()} */
    List<Integer> releasedWhole() {
        return List.copyOf(releasedWhole);
    }

    /** @return the requests sent this way whose exchange has not ended, in index order */
    private List<Outgoing> pending(Outgoing.Send send) {
        List<Outgoing> pending = new ArrayList<>();
        for (Outgoing request : requests) {
            if (request.send() == send && !request.exchange().isDone()) {
                pending.add(request);
            }
        }
        return pending;
    }

    private static boolean answered(Outgoing request) {
        try {
            return request.endPoint().answered();
        } catch (IOException failed) {
            return true; // the connection broke: whatever the server did, it did before the release
        }
    }

    private static boolean writeHeld(Outgoing request) {
        try {
            return request.endPoint().writeHeld();
        } catch (IOException failed) {
            request.exchange().fail(failed);
            return false;
        }
    }

    /**
     * Waits (bounded) until every withheld end was flushed into its connection's cork, then
     * writes each connection's ends in one write.
     */
    private void uncork(Map<WireEndPoint, List<Outgoing>> corked, List<CompletableFuture<Void>> queued)
            throws InterruptedException {
        awaitBounded(queued, deadlines.stagingMillis()); // what was not queued by now follows in writes of its own
        corked.forEach((endPoint, onIt) -> {
            try {
                onIt.forEach(request -> request.exchange().stampRelease()); // the ends reach the wire now, not when queued
                endPoint.uncork();
                onIt.forEach(request -> request.exchange().stampEndWritten());
            } catch (IOException failed) {
                onIt.forEach(request -> request.exchange().fail(failed));
            }
        });
    }

    private static void awaitBounded(List<CompletableFuture<Void>> futures, long millis) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notAll) {
            // the callers go on with what is ready; the rest fail on their own, as data
        }
    }
}
