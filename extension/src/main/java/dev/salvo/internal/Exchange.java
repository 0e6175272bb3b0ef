package dev.salvo.internal;

import dev.salvo.BodyTooLargeException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * One request of a burst and the slot its outcome fills: Jetty's listener callbacks record the
 * timeline, status, headers and body as raw data; the first ending (Jetty's, a deadline's, or an
 * abort) wins. The {@link RequestResult} is built later, by the collecting thread, so that
 * Jetty's threads do as little as possible while a release is still going on. Not API.
 */
final class Exchange implements Response.Listener {

    /** How the request leaves the client. */
    enum Send {
        /** Written ahead on its own connection but its final byte, which the end point holds (HTTP/1.1). */
        HOLD_LAST_BYTE,
        /** Written ahead but the end of its body, which {@link WithheldContent} holds (HTTP/2, or HTTPS). */
        HOLD_END,
        /** Written whole when released. */
        WHOLE
    }

    private final int index;
    private final RequestSpec spec;
    private final BurstClock clock;
    private final long maxBodyBytes;
    private final Consumer<Exchange> onDone;
    private final long prepared;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> endSignal = new CompletableFuture<>();
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private final CompletableFuture<Void> committed = new CompletableFuture<>();

    private Request request;
    private Send send = Send.WHOLE;
    private WithheldContent withheld;
    private volatile Connection connection;
    private volatile CompletableFuture<Connection> opening;
    private volatile WireEndPoint endPoint;
    private volatile boolean handedToClient;
    private volatile boolean onlyEndLeft;
    private volatile long released = -1;
    private volatile long sent = -1;
    private volatile long firstByte = -1;
    private volatile long completed = -1;
    private volatile int status;
    private volatile HttpFields headers;
    private volatile Throwable failure;
    private BodyBuffer body;
    private RequestResult result;

    Exchange(int index, RequestSpec spec, long prepared, BurstClock clock, long maxBodyBytes, Consumer<Exchange> onDone) {
        this.index = index;
        this.spec = Objects.requireNonNull(spec);
        this.prepared = prepared;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.onDone = onDone;
    }

    RequestSpec spec() {
        return spec;
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

    WireEndPoint endPoint() {
        return endPoint;
    }

    long released() {
        return released;
    }

    boolean isDone() {
        return ended.get();
    }

    /** @return whether this exchange ended with a complete answer */
    boolean hasCompleteAnswer() {
        return ended.get() && failure == null;
    }

    /** @return completes when this exchange ends, however it ends */
    CompletableFuture<Void> ended() {
        return endSignal;
    }

    /** Attaches the staged Jetty request, and how it is to be sent. */
    void attach(Request staged, Send how, WithheldContent withheldEnd) {
        this.request = staged;
        this.send = how;
        this.withheld = withheldEnd;
        staged.onRequestCommit(r -> committed.complete(null));
        staged.onRequestSuccess(r -> {
            if (sent < 0) {
                sent = clock.now();
            }
            written.complete(null);
        });
    }

    /** Sends this request whole at the release after all (its connection has nothing to hold with). */
    void sendWholeInstead() {
        send = Send.WHOLE;
    }

    /**
     * Starts opening this exchange's connection while it waits for room, unless that was
     * started already.
     *
     * @return the connection being opened for this exchange
     */
    CompletableFuture<Connection> opening(java.util.function.Supplier<CompletableFuture<Connection>> open) {
        CompletableFuture<Connection> started = opening;
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

    /** Gives this exchange the connection it alone (over HTTP/1.1) will use. */
    void useConnection(Connection own, WireEndPoint wire) {
        this.connection = own;
        this.endPoint = wire;
    }

    /**
     * Hands the whole request to the client now: on its own connection when it has one, else
     * through the client's pool. This is the release of the request.
     */
    void sendWhole() {
        released = clock.now();
        handOver();
    }

    /**
     * Sends everything but the withheld end on this exchange's connection.
     *
     * @return completes once only the withheld end is left to write, or the exchange ended first
     */
    CompletableFuture<Void> sendAhead() {
        CompletableFuture<Void> ahead = switch (send) {
            case HOLD_LAST_BYTE -> endPoint.holdEnd(spec.bodyLength());
            case HOLD_END -> CompletableFuture.allOf(committed, withheld.ahead()); // the headers too, not only the body
            case WHOLE -> throw new IllegalStateException("a whole request is not sent ahead");
        };
        handOver();
        return CompletableFuture.anyOf(ahead.thenRun(() -> onlyEndLeft = true), written, endSignal)
                .handle((ignored, error) -> null);
    }

    /** @return whether everything but the withheld end was written before the release */
    boolean onlyEndLeft() {
        return onlyEndLeft;
    }

    private void handOver() {
        handedToClient = true;
        try {
            Connection own = connection;
            if (own != null) {
                own.send(request, this);
            } else {
                request.send(this);
            }
        } catch (RuntimeException rejected) {
            fail(rejected);
        }
    }

    /** Stamps the release of a request whose end is written by the caller right after. */
    void releasing() {
        released = clock.now();
    }

    /** Stamps an answer found before the release, earlier than Jetty would report its first byte. */
    void answeredBeforeRelease() {
        long now = clock.now();
        if (firstByte < 0 || firstByte > now) {
            firstByte = now;
        }
    }

    /** Stamps the write that put this request's end on the wire. */
    void wroteEnd() {
        sent = clock.now();
    }

    /** Ends this exchange with a failure unless it already ended; aborts the request if the client has it. */
    void fail(Throwable cause) {
        Request staged = request;
        if (staged != null && handedToClient) {
            staged.abort(cause);
        }
        end(cause);
    }

    @Override
    public void onBegin(Response response) {
        firstByte = clock.now();
        status = response.getStatus();
    }

    @Override
    public void onHeaders(Response response) {
        headers = response.getHeaders().asImmutable();
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBodyBytes) {
            response.abort(new BodyTooLargeException(declared, maxBodyBytes));
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        BodyBuffer buffer = body;
        if (buffer == null) {
            buffer = body = new BodyBuffer();
        }
        if (buffer.size() + (long) content.remaining() > maxBodyBytes) {
            response.abort(new BodyTooLargeException(buffer.size() + (long) content.remaining(), maxBodyBytes));
            return;
        }
        buffer.append(content);
    }

    /**
     * A complete response counts even when sending the request failed afterwards: a server may
     * answer before a request's end and then refuse the rest (over HTTP/2, RST_STREAM with
     * NO_ERROR after a complete response, which clients must not discard).
     */
    @Override
    public void onComplete(Result outcome) {
        if (outcome.getResponseFailure() == null && outcome.getResponse() != null && firstByte >= 0) {
            status = outcome.getResponse().getStatus();
            end(null);
        } else {
            end(outcome.getFailure());
        }
    }

    private void end(Throwable cause) {
        long now = clock.now();
        if (ended.compareAndSet(false, true)) {
            completed = now;
            failure = Failures.translate(cause instanceof EOFException ? closedEarly((EOFException) cause) : cause);
            endSignal.complete(null);
            onDone.accept(this);
        }
    }

    /**
     * Says in words what an end of stream means here. Jetty's own message is often a dump of its
     * connection state; it stays available as the cause.
     */
    private EOFException closedEarly(EOFException cause) {
        StringBuilder text = new StringBuilder("connection closed by the server before the response was complete");
        if (firstByte < 0) {
            text.append(" (no response had arrived)");
        } else {
            HttpFields received = headers;
            long declared = received == null ? -1 : received.getLongField(HttpHeader.CONTENT_LENGTH);
            int got = body == null ? 0 : body.size();
            text.append(" (status ").append(status).append(", ").append(got)
                    .append(declared >= 0 ? " of " + declared : "").append(" body bytes received)");
        }
        String original = cause.getMessage();
        if (original != null && !original.isBlank() && original.length() <= 80) {
            text.append(": ").append(original);
        }
        EOFException described = new EOFException(text.toString());
        described.initCause(cause);
        return described;
    }

    /** @return the outcome; call only once this exchange ended, from the collecting thread */
    RequestResult result() {
        if (result == null) {
            // The write's completion is noticed by a callback that can run after another thread
            // has already read the first byte of the answer; the answer bounds the write.
            // A request whose end was written by the release step knows its write exactly; one sent
            // whole learns of it from that callback, which the answer bounds.
            long sentAt = send == Send.WHOLE && sent >= 0 && firstByte >= 0 && firstByte < sent ? firstByte : sent;
            RequestResult.Timeline timeline = RequestResult.Timeline.ofNanos(prepared, released, sentAt, firstByte, completed);
            Map<String, List<String>> headerMap = toMap(headers);
            result = failure == null
                    ? RequestResult.response(index, spec, status, headerMap, body == null ? new byte[0] : body.toByteArray(), timeline)
                    : RequestResult.failure(index, spec, status, headerMap, failure, timeline);
        }
        return result;
    }

    private static Map<String, List<String>> toMap(HttpFields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (fields != null) {
            for (HttpField field : fields) {
                map.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
        }
        return map;
    }
}
