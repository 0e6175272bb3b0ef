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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One request of a burst and the slot its outcome fills. Jetty's listener callbacks record the
 * timeline, status, headers and body as raw data; the first ending (Jetty's, the timeout's, or
 * an abort) wins. The {@link RequestResult} is built later, by the collecting thread, so that
 * Jetty's threads do as little as possible while a release is still going on. Not API.
 */
final class Exchange implements Response.Listener {

    private final int index;
    private final RequestSpec spec;
    private final BurstClock clock;
    private final long maxBodyBytes;
    private final Consumer<Exchange> onDone;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> endSignal = new CompletableFuture<>();
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private final long prepared;

    private volatile Request request;
    private volatile WithheldContent withheld;
    private volatile boolean dispatched;
    private volatile boolean handedToClient;
    private volatile boolean timeoutDeferred;
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

    int index() {
        return index;
    }

    RequestSpec spec() {
        return spec;
    }

    Request request() {
        return request;
    }

    long released() {
        return released;
    }

    boolean isDone() {
        return ended.get();
    }

    /** @return whether the dispatcher sent this exchange, and so counts it as in flight */
    boolean wasDispatched() {
        return dispatched;
    }

    /** @return whether the client has this request (sent whole, or sent ahead of its end) */
    boolean isHandedToClient() {
        return handedToClient;
    }

    boolean withholdsEnd() {
        return withheld != null;
    }

    /** Attaches the staged Jetty request and, when the end is withheld, its body. */
    void attach(Request staged, WithheldContent withheldEnd) {
        this.request = staged;
        this.withheld = withheldEnd;
        staged.onRequestCommit(r -> committed.complete(null));
        staged.onRequestSuccess(r -> sent = clock.now());
    }

    /**
     * Hands the whole request to the client; called once, by the dispatcher.
     *
     * @param deferTimeout whether the caller arms the timeout later, after a release loop
     * @param scheduler runs the timeout when it is armed now
     * @param timeoutMillis from the release to the complete response
     */
    void send(boolean deferTimeout, Scheduler scheduler, long timeoutMillis) {
        dispatched = true;
        handedToClient = true;
        released = clock.now();
        try {
            request.send(this);
        } catch (RuntimeException rejected) {
            fail(rejected);
        }
        if (deferTimeout) {
            timeoutDeferred = true;
        } else {
            armTimeout(scheduler, timeoutMillis);
        }
    }

    /**
     * Sends everything but the withheld end. The result completes once the request's headers
     * and the body ahead of its end were written, or the exchange ended (a refused connection).
     */
    CompletableFuture<Void> sendAhead() {
        handedToClient = true;
        try {
            request.send(this);
        } catch (RuntimeException rejected) {
            fail(rejected);
        }
        return CompletableFuture.anyOf(CompletableFuture.allOf(committed, withheld.ahead()), endSignal)
                .handle((ignored, error) -> null);
    }

    /** Writes the withheld end: the release of this request. Its timeout is armed afterwards. */
    void releaseEnd() {
        released = clock.now();
        timeoutDeferred = true;
        withheld.release();
    }

    /** @return whether this exchange was released and still waits for its timeout to be armed */
    boolean needsTimeout() {
        return timeoutDeferred && !isDone();
    }

    /** Starts this request's timeout, counted from its release. */
    void armTimeout(Scheduler scheduler, long timeoutMillis) {
        timeoutDeferred = false;
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(clock.now() - released);
        Scheduler.Task timeout = scheduler.schedule(() -> fail(new TimeoutException("Total timeout " + timeoutMillis
                + " ms elapsed since the release")), Math.max(0, left), TimeUnit.MILLISECONDS);
        endSignal.whenComplete((ignored, error) -> timeout.cancel());
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

    @Override
    public void onComplete(Result outcome) {
        if (outcome.isFailed()) {
            end(outcome.getFailure());
        } else {
            status = outcome.getResponse().getStatus();
            end(null);
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
            long sentAt = sent >= 0 && firstByte >= 0 && firstByte < sent ? firstByte : sent;
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
