package dev.salvo;

import dev.salvo.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable description of one HTTP request: method, URI, headers and body.
 *
 * <p>Every {@code with...} method returns a new instance. The URI may be absolute or relative;
 * a relative URI is resolved against the burst's base URL ({@link BaseUrl}, the
 * {@code salvo.base-url} configuration parameter, or {@link Burst#baseUrl(String)}).
 *
 * <pre>{@code
 * RequestSpec spec = RequestSpec.post("/orders", "{\"sku\":\"A-1\"}", "application/json")
 *         .withHeader("Authorization", "Bearer " + token);
 * }</pre>
 *
 * <p>{@link #toString()} masks the values of {@code Authorization}, {@code Cookie},
 * {@code Set-Cookie} and {@code Proxy-Authorization}.
 *
 * @since 0.1.0
 */
public final class RequestSpec {

    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final String uri;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String contentType;

    private RequestSpec(String method, String uri, Map<String, List<String>> headers, byte[] body, String contentType) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.contentType = contentType;
    }

    /**
     * A {@code GET} request.
     *
     * @param uri absolute, or relative to the burst's base URL
     * @return a new spec
     * @throws IllegalArgumentException if {@code uri} is blank
     */
    public static RequestSpec get(String uri) {
        return of("GET", uri);
    }

    /**
     * A {@code POST} request with a text body, encoded as UTF-8.
     *
     * @param uri absolute, or relative to the burst's base URL
     * @param body the body text
     * @param contentType the {@code Content-Type}, for example {@code application/json}
     * @return a new spec
     * @throws IllegalArgumentException if {@code uri} is blank
     */
    public static RequestSpec post(String uri, String body, String contentType) {
        Objects.requireNonNull(body, "body");
        return of("POST", uri).withBody(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /**
     * A request with any method and no body.
     *
     * @param method an HTTP method token such as {@code PUT} or {@code DELETE}
     * @param uri absolute, or relative to the burst's base URL
     * @return a new spec
     * @throws IllegalArgumentException if {@code method} is not an HTTP token or {@code uri} is blank
     */
    public static RequestSpec of(String method, String uri) {
        return new RequestSpec(checkMethod(method), checkUri(uri), Map.of(), NO_BODY, null);
    }

    /**
     * Adds a header; adding the same name again keeps both values, in order.
     *
     * @param name the header name
     * @param value the header value, without line breaks
     * @return a new spec with the header added
     * @throws IllegalArgumentException if the name is not a token or the value holds a line break
     */
    public RequestSpec withHeader(String name, String value) {
        checkHeader(name, value);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((n, values) -> copy.put(n, new ArrayList<>(values)));
        String key = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        copy.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        copy.forEach((n, values) -> frozen.put(n, List.copyOf(values)));
        return new RequestSpec(method, uri, Collections.unmodifiableMap(frozen), body, contentType);
    }

    /**
     * Replaces the body.
     *
     * @param body the bytes to send (copied)
     * @param contentType the {@code Content-Type}, or {@code null} to send none
     * @return a new spec with the body
     */
    public RequestSpec withBody(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        if (contentType != null) {
            checkHeader("Content-Type", contentType);
        }
        return new RequestSpec(method, uri, headers, body.clone(), contentType);
    }

    /**
     * Replaces the URI.
     *
     * @param uri absolute, or relative to the burst's base URL
     * @return a new spec with the URI
     */
    public RequestSpec withUri(String uri) {
        return new RequestSpec(method, checkUri(uri), headers, body, contentType);
    }

    /** @return the HTTP method, for example {@code GET} */
    public String method() {
        return method;
    }

    /** @return the URI as given, absolute or relative */
    public String uri() {
        return uri;
    }

    /** @return the headers in the order added, each name with its values; unmodifiable */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return a copy of the body; empty when there is none */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body's length in bytes */
    public int bodyLength() {
        return body.length;
    }

    /** @return the body's {@code Content-Type}, if set */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestSpec that
                && method.equals(that.method)
                && uri.equals(that.uri)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && Objects.equals(contentType, that.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, Arrays.hashCode(body), contentType);
    }

    /** @return the method, URI, headers (secrets masked) and body length */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method).append(' ').append(uri);
        headers.forEach((name, values) -> values.forEach(value ->
                text.append(", ").append(name).append(": ").append(Redaction.headerValue(name, value))));
        if (body.length > 0) {
            text.append(", body ").append(body.length).append(" bytes");
            if (contentType != null) {
                text.append(" (").append(contentType).append(')');
            }
        }
        return text.toString();
    }

    private static String checkMethod(String method) {
        if (method == null || method.isEmpty() || !isToken(method)) {
            throw new IllegalArgumentException("HTTP method must be a token such as GET or POST, but was '" + method + "'");
        }
        return method;
    }

    private static String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("request URI must not be blank, but was '" + uri + "'");
        }
        return uri;
    }

    private static void checkHeader(String name, String value) {
        if (name == null || name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("header name must be a token, but was '" + name + "'");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header '" + name + "' must have a value without line breaks");
        }
    }

    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
