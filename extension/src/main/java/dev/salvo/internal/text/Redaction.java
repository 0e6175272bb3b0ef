package dev.salvo.internal.text;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one owner of masking: which header values and query parameters are secret, and how a
 * header value or a URI prints with them masked. Instances are immutable; a burst's lists are
 * {@link #DEFAULT} plus the names its requests carry, so that parallel bursts never share a
 * list that one of them changes. Names compare in any letter case. Knows no request type, so
 * that the public value types can use it without a circle. Not API.
 */
public final class Redaction {

    /** What every masked value prints as. */
    public static final String MASK = "****";

    /** Headers whose values are always masked. */
    private static final Set<String> HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "x-auth-token", "api-key");

    /** Query parameters whose values are always masked. */
    private static final Set<String> QUERY_PARAMETERS = Set.of("access_token", "token", "api_key", "apikey", "key",
            "password", "secret", "signature", "sig", "code");

    /** No names at all: the starting point for lists of extra names. */
    public static final Redaction NONE = new Redaction(Set.of(), Set.of());

    /** The built-in lists. */
    public static final Redaction DEFAULT = new Redaction(HEADERS, QUERY_PARAMETERS);

    private final Set<String> headers;
    private final Set<String> queryParameters;

    private Redaction(Set<String> headers, Set<String> queryParameters) {
        this.headers = headers;
        this.queryParameters = queryParameters;
    }

    /**
     * @param headers extra header names one request carries
     * @param queryParameters extra query parameter names it carries
     * @return the built-in lists plus those names
     */
    public static Redaction of(Collection<String> headers, Collection<String> queryParameters) {
        return DEFAULT.plus(headers, queryParameters);
    }

    /**
     * @param moreHeaders header names to mask as well
     * @param moreQueryParameters query parameter names to mask as well
     * @return a new instance with both lists extended; this one when nothing is added
     * @throws IllegalArgumentException if a name is blank or holds characters a name cannot hold
     */
    public Redaction plus(Collection<String> moreHeaders, Collection<String> moreQueryParameters) {
        if (moreHeaders.isEmpty() && moreQueryParameters.isEmpty()) {
            return this;
        }
        return new Redaction(union(headers, moreHeaders, "header"), union(queryParameters, moreQueryParameters, "query parameter"));
    }

    /** @return whether neither list holds a name */
    public boolean isEmpty() {
        return headers.isEmpty() && queryParameters.isEmpty();
    }

    /** @return the header names, lower case */
    public Set<String> headerNames() {
        return headers;
    }

    /** @return the query parameter names, lower case */
    public Set<String> queryParameterNames() {
        return queryParameters;
    }

    private boolean isSecretHeader(String name) {
        return headers.contains(name.toLowerCase(Locale.ROOT));
    }

    /** @return the value, or {@link #MASK} when the header is secret */
    public String header(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }

    /**
     * Masks the user info ({@code user:password@}) of an absolute URI and the values of secret
     * query parameters; every other character stays as given.
     *
     * @param uri an absolute or relative URI, as text
     * @return the URI with its secrets replaced by {@link #MASK}
     */
    public String uri(String uri) {
        if (uri == null) {
            return null;
        }
        String text = userInfoMasked(uri);
        int query = text.indexOf('?');
        if (query < 0) {
            return text;
        }
        int fragment = text.indexOf('#', query);
        int end = fragment < 0 ? text.length() : fragment;
        StringBuilder masked = new StringBuilder(text.length()).append(text, 0, query + 1);
        int start = query + 1;
        while (start <= end) {
            int amp = text.indexOf('&', start);
            int pairEnd = amp < 0 || amp > end ? end : amp;
            String pair = text.substring(start, pairEnd);
            int equals = pair.indexOf('=');
            if (equals > 0 && isSecretParameter(pair.substring(0, equals))) {
                masked.append(pair, 0, equals + 1).append(MASK);
            } else {
                masked.append(pair);
            }
            if (pairEnd == end) {
                break;
            }
            masked.append('&');
            start = pairEnd + 1;
        }
        return masked.append(text, end, text.length()).toString();
    }

    private boolean isSecretParameter(String rawName) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (queryParameters.contains(name)) {
            return true;
        }
        try {
            return queryParameters.contains(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** @return the URI with any user info replaced by {@link #MASK} */
    private static String userInfoMasked(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        return at < authorityStart ? uri : uri.substring(0, authorityStart) + MASK + uri.substring(at);
    }

    /**
     * @return the names of both, each checked and in lower case, sorted; unmodifiable
     * @throws IllegalArgumentException naming a name that cannot be a header or parameter name
     */
    public static Set<String> union(Set<String> base, Collection<String> more, String what) {
        Set<String> all = new TreeSet<>(base);
        for (String name : more) {
            all.add(checkName(name, what));
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * @return the name in lower case
     * @throws IllegalArgumentException naming the value when it cannot be a header or parameter name
     */
    public static String checkName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " name to mask must not be blank, but was '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "=&?#".indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + name + "' cannot be a " + what + " name to mask: it holds '"
                        + (c <= ' ' || c >= 0x7f ? Format.codePoint(c) : String.valueOf(c))
                        + "'; give names such as X-Session or session_id");
            }
        }
        return name.toLowerCase(Locale.ROOT); // no blank within, so none around it either
    }
}
