package dev.salvo;

import dev.salvo.internal.text.Format;
import dev.salvo.internal.text.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <p>What is sent is what the spec says, or nothing: header names must be tokens and values
 * may hold no control characters (a NUL, a line break); a {@code Content-Length} header must
 * match the body; non-ASCII characters in the URI are sent percent-encoded as UTF-8; a URI with
 * user info ({@code user:password@}) is refused before anything is sent. Beside these headers
 * Salvo sends only what HTTP requires ({@code Host}, {@code Content-Length} or
 * {@code Transfer-Encoding}) and {@code User-Agent: salvo/<version>}, which
 * {@code withHeader("User-Agent", ...)} replaces and {@code withoutHeader("User-Agent")} removes.
 *
 * <p>{@link #toString()}, and everything Salvo prints about a request, masks the values of the
 * headers {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie},
 * {@code X-Api-Key}, {@code X-Auth-Token} and {@code Api-Key}, of the query parameters
 * {@code access_token}, {@code token}, {@code api_key}, {@code apikey}, {@code key},
 * {@code password}, {@code secret}, {@code signature}, {@code sig} and {@code code} (names in
 * any letter case), the user info of the URI, and of any name added with
 * {@link #withMaskedHeaders(String...)} or {@link #withMaskedQueryParameters(String...)}.
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
    private final Set<String> maskedHeaders;
    private final Set<String> maskedQueryParameters;

    private RequestSpec(String method, String uri, Map<String, List<String>> headers, byte[] body, String contentType,
            Set<String> maskedHeaders, Set<String> maskedQueryParameters) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.contentType = contentType;
        this.maskedHeaders = maskedHeaders;
        this.maskedQueryParameters = maskedQueryParameters;
        checkContentLength();
    }

    private RequestSpec with(Map<String, List<String>> newHeaders, byte[] newBody, String newContentType) {
        return new RequestSpec(method, uri, newHeaders, newBody, newContentType, maskedHeaders, maskedQueryParameters);
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
        return new RequestSpec(checkMethod(method), checkUri(uri), Map.of(), NO_BODY, null, Set.of(), Set.of());
    }

    /**
     * Adds a header; adding the same name again keeps both values, in order. A header named
     * like one Salvo would send by itself ({@code User-Agent}) replaces Salvo's.
     *
     * @param name the header name, an HTTP token
     * @param value the header value: visible characters, spaces and tabs (ISO-8859-1), no control
     *     characters or line breaks
     * @return a new spec with the header added
     * @throws IllegalArgumentException naming the header if the name is not a token, the value
     *     holds a character that cannot be sent as it is, or a {@code Content-Length} does not
     *     match the body
     */
    public RequestSpec withHeader(String name, String value) {
        checkHeader(name, value);
        Map<String, List<String>> copy = copyHeaders();
        String key = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        copy.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return with(freeze(copy), body, contentType);
    }

    /**
     * Removes every value of a header added so far, and keeps Salvo from sending its own:
     * {@code withoutHeader("User-Agent")} sends the request without a {@code User-Agent}. In
     * {@link #headers()} the name stays, with no values. Headers HTTP requires ({@code Host},
     * {@code Content-Length}, {@code Transfer-Encoding}) cannot be removed.
     *
     * @param name the header name, an HTTP token
     * @return a new spec without the header
     * @throws IllegalArgumentException if the name is not a token or names a header HTTP requires
     */
    public RequestSpec withoutHeader(String name) {
        checkName(name);
        if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding")) {
            throw new IllegalArgumentException("header '" + name + "' is required by HTTP and cannot be removed;"
                    + " Salvo sends it as the request needs it");
        }
        Map<String, List<String>> copy = copyHeaders();
        copy.keySet().removeIf(name::equalsIgnoreCase);
        copy.put(name, new ArrayList<>());
        return with(freeze(copy), body, contentType);
    }

    /**
     * Masks the values of these headers, beside the built-in ones, wherever Salvo prints this
     * request or its response: {@link #toString()}, results, assertion messages and reports.
     * Masking changes only what is printed, never what is sent; {@link #equals(Object)} ignores it.
     *
     * @param names header names, in any letter case
     * @return a new spec that masks them as well
     * @throws IllegalArgumentException if a name is blank or cannot be a header name
     */
    public RequestSpec withMaskedHeaders(String... names) {
        return new RequestSpec(method, uri, headers, body, contentType, added(maskedHeaders, names, "header"), maskedQueryParameters);
    }

    /**
     * Masks the values of these query parameters, beside the built-in ones, wherever Salvo prints
     * this request. Masking changes only what is printed, never what is sent.
     *
     * @param names query parameter names, in any letter case
     * @return a new spec that masks them as well
     * @throws IllegalArgumentException if a name is blank or cannot be a parameter name
     */
    public RequestSpec withMaskedQueryParameters(String... names) {
        return new RequestSpec(method, uri, headers, body, contentType, maskedHeaders,
                added(maskedQueryParameters, names, "query parameter"));
    }

    /** @return header names masked beside the built-in ones, in lower case; unmodifiable */
    public Set<String> maskedHeaders() {
        return maskedHeaders;
    }

    /** @return query parameter names masked beside the built-in ones, in lower case; unmodifiable */
    public Set<String> maskedQueryParameters() {
        return maskedQueryParameters;
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
        return with(headers, body.clone(), contentType);
    }

    /**
     * Replaces the URI.
     *
     * @param uri absolute, or relative to the burst's base URL
     * @return a new spec with the URI
     */
    public RequestSpec withUri(String uri) {
        return new RequestSpec(method, checkUri(uri), headers, body, contentType, maskedHeaders, maskedQueryParameters);
    }

    /** @return the HTTP method, for example {@code GET} */
    public String method() {
        return method;
    }

    /** @return the URI as given, absolute or relative */
    public String uri() {
        return uri;
    }

    /**
     * @return the headers in the order added, each name with its values; a name with no values
     *     was removed with {@link #withoutHeader(String)}; unmodifiable
     */
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

    /** @return the method, URI, headers and body length, with secrets masked */
    @Override
    public String toString() {
        Redaction redaction = Redaction.of(maskedHeaders, maskedQueryParameters);
        StringBuilder text = new StringBuilder(method).append(' ').append(redaction.uri(uri));
        headers.forEach((name, values) -> {
            if (values.isEmpty()) {
                text.append(", ").append(name).append(": (not sent)");
            }
            values.forEach(value -> text.append(", ").append(name).append(": ").append(redaction.header(name, value)));
        });
        if (body.length > 0) {
            text.append(", body ").append(body.length).append(" bytes");
            if (contentType != null) {
                text.append(" (").append(contentType).append(')');
            }
        }
        return text.toString();
    }

    private Map<String, List<String>> copyHeaders() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((n, values) -> copy.put(n, new ArrayList<>(values)));
        return copy;
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> copy) {
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        copy.forEach((n, values) -> frozen.put(n, List.copyOf(values)));
        return Collections.unmodifiableMap(frozen);
    }

    private static Set<String> added(Set<String> names, String[] more, String what) {
        return Redaction.union(names, Arrays.asList(Objects.requireNonNull(more, "names")), what);
    }

    /** A {@code Content-Length} the test set is sent as it is, so it must be the body's length. */
    private void checkContentLength() {
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") || values.isEmpty()) {
                return;
            }
            String value = values.get(0).trim();
            boolean number = !value.isEmpty() && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9');
            if (values.size() > 1 || !number || Long.parseLong(value) != body.length) {
                throw new IllegalArgumentException("header '" + name + "' = " + values.stream().map(v -> "'" + v + "'").toList()
                        + " does not match the body of " + body.length + " bytes; it would not be sent as it is."
                        + " Leave it out (Salvo sends the body's own length) or set it to " + body.length
                        + " (set the body first, then the header)");
            }
        });
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

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("header name must be a token (letters, digits and !#$%&'*+-.^_`|~),"
                    + " but was '" + name + "'");
        }
    }

    /**
     * Refuses, naming the header but never repeating its value (it may be a secret), any value
     * that would not arrive as given: control characters (NUL, CR, LF and the rest, tab aside)
     * and characters beyond ISO-8859-1.
     */
    private static void checkHeader(String name, String value) {
        checkName(name);
        if (value == null) {
            throw new IllegalArgumentException("header '" + name + "' needs a value; to send no such header, use"
                    + " withoutHeader(\"" + name + "\")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("header '" + name + "' has the control character " + Format.codePoint(c)
                        + " at index " + i + " of its value, which cannot be sent as it is; header values may hold"
                        + " visible characters, spaces and tabs only");
            }
            if (c > 0xff) {
                throw new IllegalArgumentException("header '" + name + "' has the character " + Format.codePoint(c) + " at index " + i
                        + " of its value, beyond ISO-8859-1, which cannot be sent as it is; encode it first"
                        + " (for example percent-encoding, or RFC 8187 for parameters)");
            }
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
