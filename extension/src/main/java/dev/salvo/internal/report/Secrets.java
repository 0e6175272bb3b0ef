package dev.salvo.internal.report;

import dev.salvo.internal.Redaction;

/**
 * Masks what a report must not repeat: the values of secret headers ({@link Redaction}) and
 * the user-info part ({@code user:password@}) of absolute URIs. Not API.
 */
final class Secrets {

    private Secrets() {}

    /** @return the header's value, or {@link Redaction#MASK} when the header is secret */
    static String header(String name, String value) {
        return Redaction.headerValue(name, value);
    }

    /** @return the URI with any user info replaced by {@link Redaction#MASK}; other text unchanged */
    static String uri(String uri) {
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
        return at < authorityStart ? uri : uri.substring(0, authorityStart) + Redaction.MASK + uri.substring(at);
    }
}
