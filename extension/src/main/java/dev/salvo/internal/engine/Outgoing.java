package dev.salvo.internal.engine;

import dev.salvo.internal.wire.WireEndPoint;
import dev.salvo.internal.wire.WithheldContent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;

/**
 * One request as it leaves the client: the staged Jetty request, how it is sent, the connection
 * it is sent on, and the hand-over to that connection. The connection it owns (over HTTP/1.1)
 * is closed as soon as its exchange ends, unless the engine takes it back for a later request of
 * a capped burst (see {@link #reuseWith}). Not API.
 */
final class Outgoing {

    /** How the request leaves the client. */
    enum Send {
        /** Written ahead on its own connection but its final byte, which the end point holds (HTTP/1.1). */
        HOLD_LAST_BYTE,
        /** Written ahead but the end of its body, which {@link WithheldContent} holds (HTTP/2, or HTTPS). */
        HOLD_END,
        /** Written whole when released. */
        WHOLE
    }

    private final Exchange exchange;
    private final WithheldContent withheld;
    private volatile Request request;
    private volatile Predicate<Outgoing> takeBack;
    private Send send;
    private volatile Connection connection;
    private volatile boolean owned;
    private volatile WireEndPoint endPoint;
    private volatile CompletableFuture<Void> opening;
    private volatile boolean onlyEndLeft;

    /**
     * @param exchange the listener and result slot of this request
     * @param request the staged Jetty request
     * @param send how it leaves the client
     * @param withheld its body when {@code send} is {@link Send#HOLD_END}, else {@code null}
     */
    Outgoing(Exchange exchange, Request request, Send send, WithheldContent withheld) {
        this.exchange = exchange;
        this.request = request;
        this.send = send;
        this.withheld = withheld;
        exchange.listenTo(request);
        exchange.ended().whenComplete((ignored, error) -> onEnded());
    }

    Exchange exchange() {
        return exchange;
    }

    Request request() {
        return request;
    }

    Send send() {
        return send;
    }

    WithheldContent withheld() {
        return withheld;
    }

    Connection connection() {
        return connection;
    }

    /** @return the socket end point of its connection, or {@code null} (no connection yet, or not plain TCP below) */
    WireEndPoint endPoint() {
        return endPoint;
    }

    /** Sends this request whole at the release after all (its connection has nothing to hold with). */
    void sendWholeInstead() {
        send = Send.WHOLE;
    }

    /**
     * Starts opening this request's connection, unless that was started already.
     *
     * @return the opening under way, or done
     */
    CompletableFuture<Void> opening(Supplier<CompletableFuture<Void>> open) {
        CompletableFuture<Void> started = opening;
        if (started == null) {
            synchronized (this) {
                if (opening == null) {
                    opening = open.get();
                }
                started = opening;
            }
        }
        return started;
    }

    /** Gives this request the connection it alone will use (HTTP/1.1); it is closed when the exchange ends. */
    void useOwnConnection(Connection own) {
        this.owned = true;
        this.connection = own;
        this.endPoint = Lanes.wire(own);
        if (exchange.isDone()) {
            onEnded(); // ended while its connection opened
        }
    }

    /** @return whether this request may ride a connection an earlier request used (see {@link #reuseWith}) */
    boolean reusable() {
        return takeBack != null;
    }

    /** @return whether opening a connection of its own was started (it may not be open yet) */
    boolean openingStarted() {
        return opening != null;
    }

    /**
     * Lets the engine take this request's connection back when the exchange ends with a complete
     * answer, for a later request, instead of closing it.
     *
     * @param taker takes the connection of an ended request; {@code false} leaves it to be closed
     */
    void reuseWith(Predicate<Outgoing> taker) {
        takeBack = taker;
    }

    /**
     * Gives this request a connection an earlier request of the burst used, and that request's
     * answer was complete and left it open. If it fails before any answer arrives (the server
     * closed the connection meanwhile), {@code again} sends it once more on a new connection.
     */
    void useUsedConnection(Connection used, Predicate<Outgoing> again) {
        this.owned = true;
        this.connection = used;
        this.endPoint = Lanes.wire(used);
        exchange.retryOnceOnSilentClose(cause -> again.test(this));
    }

    /**
     * Makes this request a new one, the same as before, for a second try: the next connection it
     * is given, and {@link #sendAgain}, carry it.
     */
    void retryAs(Request fresh) {
        exchange.forgetWrite();
        this.owned = false;
        this.connection = null;
        this.endPoint = null;
        this.opening = null;
        this.request = fresh;
        exchange.listenTo(fresh);
    }

    /** Sends the request of a second try, on its new connection. */
    void sendAgain() {
        handOver();
    }

    /** Gives this request a connection it shares with other streams of the burst (HTTP/2). */
    void useSharedConnection(Connection shared) {
        this.connection = shared;
        this.endPoint = Lanes.wire(shared);
    }

    /** Releases the request whole now: on the connection assigned to it, if any, else through the client's pool. */
    void sendWhole() {
        if (exchange.isDone()) {
            return;
        }
        exchange.stampRelease();
        handOver();
    }

    /**
     * Sends everything but the withheld end on this request's connection.
     *
     * @return completes once only the withheld end is left to write, or the exchange ended first
     */
    CompletableFuture<Void> sendAhead() {
        CompletableFuture<Void> ahead = switch (send) {
            case HOLD_LAST_BYTE -> endPoint.holdEnd(exchange.spec().bodyLength());
            case HOLD_END -> CompletableFuture.allOf(exchange.committed(), withheld.ahead()); // the headers too, not only the body
            case WHOLE -> throw new IllegalStateException("a whole request is not sent ahead");
        };
        handOver();
        return CompletableFuture.anyOf(ahead.thenRun(() -> onlyEndLeft = true), exchange.written(), exchange.ended())
                .handle((ignored, error) -> null);
    }

    /** @return whether everything but the withheld end was written before the release */
    boolean onlyEndLeft() {
        return onlyEndLeft;
    }

    private void handOver() {
        exchange.handedOver();
        if (exchange.isDone()) {
            return; // ended before it was sent: nothing goes out
        }
        try {
            Connection assigned = connection;
            if (assigned != null) {
                assigned.send(request, exchange);
            } else {
                request.send(exchange);
            }
        } catch (RuntimeException rejected) {
            exchange.fail(rejected);
        }
    }

    /**
     * Once the exchange ended: a failed request is aborted (in case it was handed to the client
     * while it failed), and a connection of its own is closed (with a complete answer at once,
     * without lingering).
     */
    private void onEnded() {
        Throwable failure = exchange.failure();
        if (failure != null) {
            request.abort(failure);
        }
        Connection own = owned ? connection : null;
        if (own != null) {
            Predicate<Outgoing> taker = takeBack;
            if (taker != null && exchange.hasCompleteAnswer() && !own.isClosed() && taker.test(this)) {
                return;
            }
            WireEndPoint wire = endPoint;
            if (wire != null && exchange.hasCompleteAnswer()) {
                wire.closeUsed();
            } else {
                own.close();
            }
        }
    }
}
