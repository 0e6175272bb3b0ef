package dev.salvo.internal;

import java.util.Locale;
import java.util.Set;

/** Masks secret header values wherever Salvo prints a header. Not API. */
public final class Redaction {

    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    /** What every masked value prints as. */
    public static final String MASK = "****";

    private Redaction() {}

    /** @return whether values of this header are secret */
    public static boolean isSecret(String headerName) {
        return SECRET_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }

    /** @return the value, or {@link #MASK} when the header is secret */
    public static String headerValue(String headerName, String value) {
        return isSecret(headerName) ? MASK : value;
    }
}
