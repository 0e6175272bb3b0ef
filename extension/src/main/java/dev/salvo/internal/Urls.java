package dev.salvo.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses and resolves request URLs. Not API. */
public final class Urls {

    private Urls() {}

    /** @return the parsed URI, or an {@link IllegalArgumentException} saying what is wrong with it */
    public static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason());
        }
    }

    /** @return whether the text is an absolute URL (has a scheme) */
    public static boolean isAbsolute(String text) {
        return parse(text).isAbsolute();
    }

    /** Checks that a base URL is absolute http(s) with a host. */
    public static void checkBase(URI base) {
        if (!base.isAbsolute() || !isHttp(base) || base.getHost() == null) {
            throw new IllegalArgumentException("base URL '" + base + "' must be an absolute http or https URL with a host,"
                    + " for example http://127.0.0.1:8080");
        }
    }

    /**
     * Resolves a request URI against the base.
     *
     * @throws IllegalArgumentException if the URI is relative and there is no base, or not http(s)
     */
    public static URI resolve(URI base, String uri) {
        URI parsed = parse(uri);
        URI absolute;
        if (parsed.isAbsolute()) {
            absolute = parsed;
        } else if (base == null) {
            throw new IllegalArgumentException("relative URL '" + uri + "' needs a base URL: add a @BaseUrl member, "
                    + "set the configuration parameter 'salvo.base-url', or call Burst.baseUrl(...)");
        } else {
            absolute = join(base, uri);
        }
        if (!isHttp(absolute) || absolute.getHost() == null) {
            throw new IllegalArgumentException("URL '" + absolute + "' must be http or https with a host");
        }
        return absolute;
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
}
