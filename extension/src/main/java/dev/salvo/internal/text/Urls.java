package dev.salvo.internal.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Parses, joins and resolves request URLs, so that what is sent is what the test meant: non-ASCII
 * characters in paths and queries are percent-encoded as UTF-8 (as {@link URI#toASCIIString()}
 * does), and a URL with user info is refused rather than sent without it. Every message masks
 * secrets ({@link Redaction}). Not API.
 */
public final class Urls {

    private Urls() {}

    /** @return the parsed URI, or an {@link IllegalArgumentException} saying what is wrong with it */
    public static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not a valid URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
                    + "; percent-encode characters such as spaces (%20)");
        }
    }

    /** @return whether the text is an absolute URL (has a scheme) */
    public static boolean isAbsolute(String text) {
        return parse(text).isAbsolute();
    }

    /** Checks that a base URL is absolute http(s) with a host. */
    public static void checkBase(URI base) {
        if (!base.isAbsolute() || !isHttp(base) || base.getHost() == null) {
            throw new IllegalArgumentException("base URL '" + shown(base.toString()) + "' must be an absolute http or https"
                    + " URL with a host, for example http://127.0.0.1:8080");
        }
    }

    /**
     * Resolves a request URI against the base, and encodes it for the wire.
     *
     * @return the absolute URI, with non-ASCII characters percent-encoded as UTF-8
     * @throws IllegalArgumentException if the URI is relative and there is no base, not http(s),
     *     or carries user info
     */
    public static URI resolve(URI base, String uri) {
        URI parsed = parse(uri);
        URI absolute;
        if (parsed.isAbsolute()) {
            absolute = parsed;
        } else if (base == null) {
            throw new IllegalArgumentException("relative URL '" + shown(uri) + "' needs a base URL: add a @BaseUrl member, "
                    + "set the configuration parameter 'salvo.base-url', or call Burst.baseUrl(...)");
        } else {
            absolute = join(base, uri);
        }
        if (!isHttp(absolute) || absolute.getHost() == null) {
            throw new IllegalArgumentException("URL '" + shown(absolute.toString()) + "' must be http or https with a host");
        }
        if (absolute.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL '" + shown(absolute.toString()) + "' carries user info (user:password@),"
                    + " which Salvo does not send; remove it from the URL and add the header yourself, for example"
                    + " withHeader(\"Authorization\", \"Basic \" + base64(\"user:password\"))");
        }
        return encoded(absolute);
    }

    /**
     * @return the URI with every character outside US-ASCII percent-encoded as UTF-8; characters
     *     already percent-encoded stay as they are
     */
    private static URI encoded(URI uri) {
        String ascii = uri.toASCIIString();
        return ascii.equals(uri.toString()) ? uri : URI.create(ascii);
    }

    /** Joins as a prefix: base {@code http://h/api} and {@code /users} give {@code http://h/api/users}. */
    private static URI join(URI base, String relative) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        String prefix = base.getScheme() + "://" + base.getRawAuthority() + path;
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return parse(prefix + (relative.startsWith("/") ? relative : "/" + relative));
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    private static String shown(String uri) {
        return Redaction.DEFAULT.uri(uri);
    }
}
