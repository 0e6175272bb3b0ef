package dev.salvo.internal.report;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as the reports print them: milliseconds. Not API. */
final class Millis {

    private Millis() {}

    /** @return exact milliseconds without trailing zeros, for JSON: "0.42", "12", "0.000123" */
    static String exact(Duration duration) {
        BigDecimal millis = BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros();
        return millis.signum() == 0 ? "0" : millis.toPlainString();
    }

    /** @return milliseconds with two decimals and the unit, for people: "0.42 ms" */
    static String text(Duration duration) {
        return decimals(Math.round(duration.toNanos() / 10_000.0), 2) + " ms";
    }

    /**
     * Formats a fixed-point number without {@link String#format}, which is slow enough to
     * matter when drawing thousands of rows.
     *
     * @param scaled the number times {@code 10^places}, rounded
     * @return e.g. {@code decimals(-1234, 2)} is "-12.34"
     */
    static String decimals(long scaled, int places) {
        long unit = (long) Math.pow(10, places);
        long magnitude = Math.abs(scaled);
        StringBuilder text = new StringBuilder(scaled < 0 ? "-" : "").append(magnitude / unit);
        if (places > 0) {
            String fraction = Long.toString(magnitude % unit);
            text.append('.').append("0".repeat(places - fraction.length())).append(fraction);
        }
        return text.toString();
    }

    /** @return milliseconds as a double, for drawing */
    static double of(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
