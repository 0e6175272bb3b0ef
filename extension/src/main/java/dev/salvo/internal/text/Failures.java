package dev.salvo.internal.text;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one owner of failure text: unwraps failures, describes them in one line, and translates
 * what Jetty reports into words a user understands first, keeping Jetty's exception as the
 * cause. Not API.
 */
public final class Failures {

    /** HTTP/2 error codes (RFC 9113, section 7) in Jetty's spelling, with what each means. */
    private static final Map<String, String> HTTP2_ERRORS = Map.ofEntries(
            Map.entry("no", "0x0 NO_ERROR: a graceful close, not an error"),
            Map.entry("protocol", "0x1 PROTOCOL_ERROR: the server saw a protocol error"),
            Map.entry("internal", "0x2 INTERNAL_ERROR: the server failed internally"),
            Map.entry("flow_control", "0x3 FLOW_CONTROL_ERROR: flow control was violated"),
            Map.entry("settings_timeout", "0x4 SETTINGS_TIMEOUT: settings were not acknowledged in time"),
            Map.entry("stream_closed", "0x5 STREAM_CLOSED: a frame arrived for a closed stream"),
            Map.entry("frame_size", "0x6 FRAME_SIZE_ERROR: a frame had an invalid size"),
            Map.entry("refused_stream", "0x7 REFUSED_STREAM: the server did not process the request; it may be retried"),
            Map.entry("cancel_stream", "0x8 CANCEL: the stream is no longer needed"),
            Map.entry("compression", "0x9 COMPRESSION_ERROR: the header compression state broke"),
            Map.entry("http_connect", "0xa CONNECT_ERROR: a CONNECT tunnel failed"),
            Map.entry("enhance_your_calm", "0xb ENHANCE_YOUR_CALM: the server thinks the client sends too much"
                    + " (a rate or stream limit)"),
            Map.entry("inadequate_security", "0xc INADEQUATE_SECURITY: the TLS setup is not good enough"),
            Map.entry("http_1_1_required", "0xd HTTP_1_1_REQUIRED: the server wants HTTP/1.1 for this request"));

    /** TLS alerts (RFC 8446, section 6) as the JDK names them, with what each usually means here. */
    private static final Map<String, String> TLS_ALERTS = Map.ofEntries(
            Map.entry("handshake_failure", "no protocol version or cipher suite both sides accept"),
            Map.entry("protocol_version", "the server does not speak a TLS version the client offered"),
            Map.entry("insufficient_security", "the server wants stronger cipher suites than the client offered"),
            Map.entry("bad_certificate", "the server rejected the client certificate, or wanted one and got none"),
            Map.entry("certificate_required", "the server wants a client certificate, and the client sent none"),
            Map.entry("certificate_unknown", "the server could not accept the client's certificate"),
            Map.entry("unknown_ca", "the server does not trust the issuer of the client's certificate"),
            Map.entry("unrecognized_name", "the server does not serve the host name the client asked for (SNI)"),
            Map.entry("no_application_protocol", "the server accepts none of the protocols offered with ALPN"
                    + " (h2, http/1.1)"),
            Map.entry("internal_error", "the server's TLS stack failed"),
            Map.entry("decrypt_error", "a signature or the handshake's integrity check failed"),
            Map.entry("illegal_parameter", "a handshake field was out of range"),
            Map.entry("access_denied", "the server refused access after the handshake"));

    private Failures() {}

    /** @return the cause behind reflection and future wrappers */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 32 && (current instanceof InvocationTargetException
                || current instanceof UndeclaredThrowableException
                || current instanceof CompletionException
                || current instanceof ExecutionException) && current.getCause() != null; depth++) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The one way a failure prints in a line of text: its simple class name and message, behind
     * reflection and future wrappers.
     *
     * @return "TimeoutException: no complete response within 500 ms", or the simple name alone
     */
    public static String describe(Throwable failure) {
        Throwable shown = unwrap(failure);
        String message = shown.getMessage();
        String name = shown.getClass().getSimpleName().isEmpty() ? shown.getClass().getName() : shown.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    /**
     * Words for what a request's failure means, first, with the original as the cause: running
     * out of file descriptors, an HTTP/2 stream reset or connection close (GOAWAY) by the server,
     * and TLS alerts. Any other failure is returned as it is.
     *
     * @param failure what Jetty (or Salvo) reported; may be {@code null}
     * @return a failure whose message a user understands first, or the failure itself
     */
    public static Throwable translate(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable translated = descriptorsExhausted(failure);
        if (translated == null) {
            translated = http2(failure);
        }
        if (translated == null) {
            translated = tlsAlert(failure);
        }
        return translated == null ? failure : translated;
    }

    private static Throwable descriptorsExhausted(Throwable failure) {
        for (Throwable t : causes(failure)) {
            String message = t.getMessage();
            if (message != null && message.contains("Too many open files")) {
                SocketException words = new SocketException("Too many open files: the process ran out of file"
                        + " descriptors, so no connection could be opened for this request. Raise the limit"
                        + " (ulimit -n; every request in flight needs one descriptor, plus the JVM's own) or"
                        + " cap the requests in flight with maxInFlight");
                words.initCause(failure);
                return words;
            }
        }
        return null;
    }

    private static Throwable http2(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t.getClass().getName().equals("org.eclipse.jetty.http2.RetryableStreamException")) {
                // Jetty fails streams above a GOAWAY's last stream id this way, and keeps the
                // frame's error code to itself.
                IOException words = new IOException("the server closed the HTTP/2 connection (GOAWAY frame) without"
                        + " processing this request: its stream was above the frame's last stream id, so the server"
                        + " did not act on it and it may be sent again");
                words.initCause(failure);
                return words;
            }
            if (t instanceof java.nio.channels.ClosedChannelException && madeBy(t, "org.eclipse.jetty.http2.HTTP2Session")) {
                IOException words = new IOException("the server closed the HTTP/2 connection before this request"
                        + " completed (after a GOAWAY frame, or without one); the response never arrived");
                words.initCause(failure);
                return words;
            }
            if (!(t instanceof IOException) || t.getMessage() == null) {
                continue;
            }
            String frame = http2Frame(t);
            if (frame == null) {
                continue;
            }
            String message = t.getMessage();
            int slash = message.indexOf('/');
            String code = (slash < 0 ? message : message.substring(0, slash)).trim().toLowerCase(Locale.ROOT);
            String reason = slash < 0 ? null : message.substring(slash + 1).trim();
            String key = code.endsWith("_error") ? code.substring(0, code.length() - "_error".length()) : code;
            String meaning = HTTP2_ERRORS.getOrDefault(key, "'" + code + "'");
            String text = frame.equals("RST_STREAM")
                    ? "the server reset this HTTP/2 stream (RST_STREAM frame) with error code " + meaning
                    : "the server closed the HTTP/2 connection (GOAWAY frame) before this request completed,"
                            + " with error code " + meaning;
            if (reason != null && !reason.isEmpty() && !reason.equals("null")) {
                text += "; the server's reason: '" + reason + "'";
            }
            IOException words = new IOException(text);
            words.initCause(failure);
            return words;
        }
        return null;
    }

    private static boolean madeBy(Throwable t, String type) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(type);
    }

    /** @return "RST_STREAM" or "GOAWAY" when Jetty made this failure for such a frame, else {@code null} */
    private static String http2Frame(Throwable t) {
        for (StackTraceElement element : t.getStackTrace()) {
            String type = element.getClassName();
            String method = element.getMethodName();
            if (!type.startsWith("org.eclipse.jetty.http2")) {
                continue;
            }
            if (method.contains("Reset")) {
                return "RST_STREAM";
            }
            if (method.contains("GoAway") || method.contains("goAway") || method.equals("onClose")) {
                return "GOAWAY";
            }
        }
        return null;
    }

    private static Throwable tlsAlert(Throwable failure) {
        for (Throwable t : causes(failure)) {
            String message = t.getMessage();
            if (!(t instanceof SSLException) || message == null) {
                continue;
            }
            int at = message.indexOf("Received fatal alert: ");
            if (at < 0) {
                continue;
            }
            String alert = message.substring(at + "Received fatal alert: ".length()).trim();
            String meaning = TLS_ALERTS.get(alert);
            SSLHandshakeException words = new SSLHandshakeException("the server ended the TLS connection with the fatal"
                    + " alert '" + alert + "'" + (meaning == null ? "" : ": " + meaning));
            words.initCause(failure);
            return words;
        }
        return null;
    }

    /** @return the failure and its causes, each once: a chain that loops back ends where it does */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
