package dev.salvo.internal.engine;

import dev.salvo.BodyTooLargeException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.internal.client.Http2Answers;
import dev.salvo.internal.text.Failures;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The listener and result slot of one request of a burst: Jetty's callbacks and the release step
 * record the timeline, status, headers and body as raw data; the first ending (Jetty's, a
 * deadline's, or an abort) wins. How the request is sent is {@link Outgoing}'s concern. The
 * {@link RequestResult} is built later, by the collecting thread, so that Jetty's threads do as
 * little as possible while a release is still going on. Not API.
 */
final class Exchange implements Response.Listener {

    private final int index;
    private final RequestSpec spec;
    private final BurstClock clock;
    private final long maxBodyBytes;
    private final Consumer<Exchange> onDone;
    private final long prepared;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> endSignal = new CompletableFuture<>();
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private final CompletableFuture<Void> written = new CompletableFuture<>();

    private Request request;
    private volatile boolean handedOver;
    private volatile long released = -1;
    private volatile long sent = -1;
    private volatile boolean sentExactly;
    private volatile long firstByte = -1;
    private volatile long completed = -1;
    private volatile int status;
    private volatile HttpFields headers;
    private volatile Throwable failure;
    private volatile Predicate<Throwable> again;
    private BodyBuffer body;
    private RequestResult result;

    /**
     * @param onDone called once, on the thread that ended the exchange, after {@link #ended()} completed
     */
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

    /** @return why this exchange failed, or {@code null} while it runs or when it was answered */
    Throwable failure() {
        return failure;
    }

    /** @return completes when this exchange ends, however it ends */
    CompletableFuture<Void> ended() {
        return endSignal;
    }

    /** Listens to the request side of one Jetty request: its commit (headers written) and its success. */
    void listenTo(Request request) {
        this.request = request;
        request.attribute(Http2Answers.HEARD, (Runnable) this::answerRead);
        request.onRequestCommit(r -> committed.complete(null));
        request.onRequestSuccess(r -> {
            if (sent < 0) {
                sent = clock.now();
            }
            written.complete(null);
        });
    }

    /** @return completes once the client wrote the request's headers */
    CompletableFuture<Void> committed() {
        return committed;
    }

    /** @return completes once the client wrote the whole request */
    CompletableFuture<Void> written() {
        return written;
    }

    /** Stamps the release of this request. */
    void stampRelease() {
        released = clock.now();
    }

    /** Stamps the write that put this request's end on the wire, known exactly by whoever wrote it. */
    void stampEndWritten() {
        sent = clock.now();
        sentExactly = true;
    }

    /** Stamps an answer found before the release, earlier than Jetty would report its first byte. */
    void stampAnsweredBeforeRelease() {
        answerRead();
    }

    /**
     * Lets this exchange be tried once more instead of failing, when it fails with an I/O error
     * before any byte of an answer arrived: for a request written into a connection an earlier
     * request had used, which the server may have closed meanwhile without a word.
     *
     * @param retry sends the request again, on a new connection; {@code false} if it could not
     */
    void retryOnceOnSilentClose(Predicate<Throwable> retry) {
        again = retry;
    }

    /** Forgets the write of a try that failed before any answer: the next try stamps its own. */
    void forgetWrite() {
        sent = -1;
        sentExactly = false;
    }

    /** Marks the request as the client's from now on, so that a failure aborts it. */
    void handedOver() {
        handedOver = true;
    }

    /**
     * Ends this exchange with a failure unless it already ended. A request the client has is
     * aborted first: a response it completed meanwhile still counts (see {@link #onComplete}).
     */
    void fail(Throwable cause) {
        if (handedOver) {
            request.abort(cause);
        }
        end(cause);
    }

    @Override
    public void onBegin(Response response) {
        answerRead(); // unless the answer was heard earlier, where it was read
        status = response.getStatus();
    }

    /**
     * Stamps the answer's first byte, unless an earlier stamp stands: over HTTP/2 the reading
     * thread stamps it when the answer's HEADERS frame is read ({@link Http2Answers}), before
     * Jetty's listeners hear of it.
     */
    private void answerRead() {
        long now = clock.now();
        if (firstByte < 0 || firstByte > now) {
            firstByte = now;
        }
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
        } else if (!triedAgain(outcome.getFailure())) {
            end(outcome.getFailure());
        }
    }

    private boolean triedAgain(Throwable cause) {
        Predicate<Throwable> retry = again;
        if (retry == null || firstByte >= 0 || ended.get() || !(Failures.unwrap(cause) instanceof IOException)) {
            return false;
        }
        again = null;
        return retry.test(cause);
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
            // The write is stamped after it returned, or noticed by a callback, and either can come
            // after another thread has already read the first byte of the answer: an answer that
            // began after the release bounds the write. Only a request answered before its release
            // (its end written by the release step after the answer began) keeps its exact stamp.
            boolean answeredFirst = sentExactly && firstByte < released;
            long sentAt = !answeredFirst && sent >= 0 && firstByte >= 0 && firstByte < sent ? firstByte : sent;
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
