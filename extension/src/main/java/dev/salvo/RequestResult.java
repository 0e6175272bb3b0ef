package dev.salvo;

import dev.salvo.internal.text.Failures;
import dev.salvo.internal.text.Format;
import dev.salvo.internal.text.Redaction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of one request of a burst: a complete response, or a failure.
 *
 * <p>Exactly one of {@link #hasResponse()} and {@code failure().isPresent()} holds. A failure
 * may still carry the status and headers that arrived before it (a body cut short, say).
 * {@link #timeline()} tells when the request was prepared, released, sent, answered and
 * completed.
 *
 * @since 0.1.0
 */
public final class RequestResult {

    private final int index;
    private final RequestSpec request;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Throwable failure;
    private final Timeline timeline;

    private RequestResult(int index, RequestSpec request, int status, Map<String, List<String>> headers,
            byte[] body, Throwable failure, Timeline timeline) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, but was " + index);
        }
        this.index = index;
        this.request = Objects.requireNonNull(request, "request");
        this.status = status;
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(sorted);
        this.body = body;
        this.failure = failure;
        this.timeline = Objects.requireNonNull(timeline, "timeline");
    }

    /**
     * A result with a complete response.
     *
     * @param index the request's index in its burst
     * @param request what was sent
     * @param status the status code
     * @param headers the response headers
     * @param body the response body (copied)
     * @param timeline when each step happened
     * @return a new result
     */
    public static RequestResult response(int index, RequestSpec request, int status,
            Map<String, List<String>> headers, byte[] body, Timeline timeline) {
        return new RequestResult(index, request, status, headers, body.clone(), null, timeline);
    }

    /**
     * A result whose request failed.
     *
     * @param index the request's index in its burst
     * @param request what was sent (or was to be sent)
     * @param status the status code if a status line arrived before the failure, else 0
     * @param headers the response headers that arrived, if any
     * @param failure what went wrong
     * @param timeline when each step happened
     * @return a new result
     */
    public static RequestResult failure(int index, RequestSpec request, int status,
            Map<String, List<String>> headers, Throwable failure, Timeline timeline) {
        return new RequestResult(index, request, status, headers, new byte[0],
                Objects.requireNonNull(failure, "failure"), timeline);
    }

    /** @return the request's index in its burst, from 0 */
    public int index() {
        return index;
    }

    /** @return the request as prepared */
    public RequestSpec request() {
        return request;
    }

    /** @return the status line's code when one was received, else 0 */
    public int status() {
        return status;
    }

    /** @return the response headers, names case-insensitive; empty when none arrived */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * @param name a header name, in any case
     * @return the first value of that response header, if present
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return a copy of the response body; empty for a failure */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body's length in bytes */
    public int bodyLength() {
        return body.length;
    }

    /** @return the body decoded with the charset of its {@code Content-Type}, UTF-8 by default */
    public String bodyAsString() {
        return new String(body, charset());
    }

    /** @return what went wrong, when no complete response arrived */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return whether a complete response arrived */
    public boolean hasResponse() {
        return failure == null;
    }

    /**
     * Whether the first byte of the answer arrived before this request was released: the server
     * answered without waiting for the end that Salvo held back (a 401 before reading the body,
     * a proxy answering at once, an HTTP/2 server answering a GET on its HEADERS frame). Such a
     * request did not take part in the simultaneous release; a race test should treat it as a
     * finding about the server, not as a simultaneous request.
     *
     * @return whether the answer began before the release
     * @since 0.1.0
     */
    public boolean answeredBeforeRelease() {
        Optional<Duration> answered = timeline.firstByte();
        if (answered.isEmpty()) {
            return false;
        }
        Optional<Duration> released = timeline.released();
        return released.isEmpty() || answered.get().compareTo(released.get()) < 0;
    }

    /** @return when this request was prepared, released, sent, answered and completed */
    public Timeline timeline() {
        return timeline;
    }

    /**
     * @return a one-line summary: index, request, status or failure, and latency, with the
     *     request's secrets masked
     */
    @Override
    public String toString() {
        String outcome = failure == null ? String.valueOf(status) : "failed: " + Failures.describe(failure);
        return "#" + index + " " + request.method() + " " + Redaction.of(request.maskedHeaders(), request.maskedQueryParameters()).uri(request.uri()) + " -> " + outcome
                + timeline.latency().map(d -> " in " + Format.millis(d)).orElse("");
    }

    private Charset charset() {
        return header("Content-Type").map(RequestResult::charsetOf).orElse(StandardCharsets.UTF_8);
    }

    private static Charset charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String trimmed = part.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(trimmed.substring(8).replace("\"", "").trim());
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * When each step of one request happened, as offsets from the start of its burst
     * ({@link Responses#startedAt()}). A step that was not reached is empty.
     *
     * @since 0.1.0
     */
    public static final class Timeline {

        private static final long NOT_REACHED = -1;

        private final long prepared;
        private final long released;
        private final long sent;
        private final long firstByte;
        private final long completed;

        private Timeline(long prepared, long released, long sent, long firstByte, long completed) {
            this.prepared = prepared;
            this.released = released;
            this.sent = sent;
            this.firstByte = firstByte;
            this.completed = completed;
        }

        /**
         * A timeline from nanosecond offsets; a negative offset means the step was not reached.
         *
         * @param prepared preparation finished
         * @param released the request was handed to the HTTP client
         * @param sent the request's last byte was written
         * @param firstByte the response's status line arrived
         * @param completed the response (or the failure) completed
         * @return a new timeline
         */
        public static Timeline ofNanos(long prepared, long released, long sent, long firstByte, long completed) {
            return new Timeline(norm(prepared), norm(released), norm(sent), norm(firstByte), norm(completed));
        }

        private static long norm(long nanos) {
            return nanos < 0 ? NOT_REACHED : nanos;
        }

        private static Optional<Duration> at(long nanos) {
            return nanos == NOT_REACHED ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
        }

        /** @return when preparation of this request finished */
        public Optional<Duration> prepared() {
            return at(prepared);
        }

        /** @return when the request was handed to the HTTP client */
        public Optional<Duration> released() {
            return at(released);
        }

        /**
         * @return when the request's last byte was written; when the answer's first byte was
         *     noticed first (the writing thread had not yet reported, or the server answered
         *     before reading the whole request), that instant, so that {@code sent} never
         *     follows {@link #firstByte()}
         */
        public Optional<Duration> sent() {
            return at(sent);
        }

        /** @return when the response's status line arrived */
        public Optional<Duration> firstByte() {
            return at(firstByte);
        }

        /** @return when the response, or the failure, completed */
        public Optional<Duration> completed() {
            return at(completed);
        }

        /** @return from release to completion, when both happened */
        public Optional<Duration> latency() {
            return released == NOT_REACHED || completed == NOT_REACHED
                    ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, completed - released)));
        }

        @Override
        public String toString() {
            return "Timeline[prepared=" + prepared() + ", released=" + released() + ", sent=" + sent()
                    + ", firstByte=" + firstByte() + ", completed=" + completed() + "]";
        }
    }
}
