package dev.salvo.internal;

import dev.salvo.BodyTooLargeException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One request of a burst and the slot its outcome fills: Jetty's listener callbacks record
 * the timeline, status, headers and body; the first completion (Jetty's, or the watchdog's)
 * wins and produces the {@link RequestResult}. Not API.
 */
final class Exchange implements Response.Listener {

    private final int index;
    private final RequestSpec spec;
    private final BurstClock clock;
    private final long maxBodyBytes;
    private final Consumer<Exchange> onDone;
    private final AtomicReference<RequestResult> result = new AtomicReference<>();

    private volatile Request request;
    private volatile WithheldContent withheld;
    private volatile boolean dispatched;
    private volatile boolean handedToClient;
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private volatile long prepared = -1;
    private volatile long released = -1;
    private volatile long sent = -1;
    private volatile long firstByte = -1;
    private volatile int status;
    private volatile HttpFields headers;
    private BodyBuffer body;

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

    void attach(Request staged, WithheldContent withheldEnd) {
        this.request = staged;
        this.withheld = withheldEnd;
        staged.onRequestCommit(r -> committed.complete(null));
        staged.onRequestSuccess(r -> sent = clock.now());
    }

    boolean withholdsEnd() {
        return withheld != null;
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
        return CompletableFuture.anyOf(CompletableFuture.allOf(committed, withheld.ahead()), doneSignal)
                .handle((ignored, failure) -> null);
    }

    /** Writes the withheld end: the release of this request. */
    void releaseEnd() {
        released = clock.now();
        withheld.release();
    }

    /**
     * Starts the timeout of a request whose end was withheld, counted from its release; called
     * after the release loop, to keep the loop short.
     */
    void armTimeout(Scheduler scheduler, long timeoutMillis) {
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(clock.now() - released);
        Scheduler.Task timeout = scheduler.schedule(() -> fail(new TimeoutException("Total timeout " + timeoutMillis
                + " ms elapsed since the release")), Math.max(0, left), TimeUnit.MILLISECONDS);
        doneSignal.whenComplete((ignored, failure) -> timeout.cancel());
    }

    /** @return whether the dispatcher sent this exchange, and so counts it as in flight */
    boolean wasDispatched() {
        return dispatched;
    }

    /** @return whether the client has this request (sent whole, or sent ahead of its end) */
    boolean isHandedToClient() {
        return handedToClient;
    }

    long released() {
        return released;
    }

    boolean isDone() {
        return result.get() != null;
    }

    RequestResult result() {
        return result.get();
    }

    /** Hands the staged request to the client; called once, by the dispatcher. */
    void send() {
        dispatched = true;
        handedToClient = true;
        released = clock.now();
        try {
            request.send(this);
        } catch (RuntimeException rejected) {
            fail(rejected);
        }
    }

    /** Ends this exchange with a failure unless it already ended; aborts the request if one is staged. */
    void fail(Throwable failure) {
        Request staged = request;
        if (staged != null && handedToClient) {
            staged.abort(failure);
        }
        complete(failure);
    }

    @Override
    public void onBegin(Response response) {
        firstByte = clock.now();
        status = response.getStatus();
    }

    @Override
    public void onHeaders(Response response) {
        headers = response.getHeaders().asImmutable();
        long declared = response.getHeaders().getLongField(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH);
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
            complete(outcome.getFailure());
        } else {
            status = outcome.getResponse().getStatus();
            complete(null);
        }
    }

    private final CompletableFuture<Void> doneSignal = new CompletableFuture<>();

    private void complete(Throwable failure) {
        RequestResult.Timeline timeline = RequestResult.Timeline.ofNanos(prepared, released, sent, firstByte, clock.now());
        Map<String, List<String>> headerMap = toMap(headers);
        RequestResult outcome = failure == null
                ? RequestResult.response(index, spec, status, headerMap, body == null ? new byte[0] : body.toByteArray(), timeline)
                : RequestResult.failure(index, spec, status, headerMap, failure, timeline);
        if (result.compareAndSet(null, outcome)) {
            doneSignal.complete(null);
            onDone.accept(this);
        }
    }

    private static Map<String, List<String>> toMap(HttpFields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (fields != null) {
            for (HttpField field : fields) {
                map.computeIfAbsent(field.getName(), k -> new java.util.ArrayList<>()).add(field.getValue());
            }
        }
        return map;
    }
}
