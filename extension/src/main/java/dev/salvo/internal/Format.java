package dev.salvo.internal;

import java.time.Duration;
import java.util.Locale;

/** How durations print in messages and summaries. Not API. */
public final class Format {

    private Format() {}

    /** @return milliseconds with 3 decimals below 1 ms ("0.042 ms"), else 2 ("12.50 ms") */
    public static String millis(Duration duration) {
        double millis = duration.toNanos() / 1_000_000.0;
        return String.format(Locale.ROOT, millis < 1 ? "%.3f ms" : "%.2f ms", millis);
    }
}
