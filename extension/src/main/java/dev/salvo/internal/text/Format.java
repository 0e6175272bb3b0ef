package dev.salvo.internal.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * How Salvo writes durations and burst summaries: the one format for people, used by
 * {@code toString()}, assertion messages, report entries and report pages, and the exact one
 * for the reports' JSON. Failures are
 * worded by {@link Failures}, secrets masked by {@link Redaction}. Not API.
 */
public final class Format {

    private Format() {}

    /**
     * Milliseconds with three decimals below 1 ms, where a burst's spreads usually lie, and two
     * from 1 ms up; without {@link String#format}, which is slow enough to matter when drawing
     * thousands of rows.
     *
     * @return "0.042 ms", "12.50 ms", "0.000 ms"
     */
    public static String millis(Duration duration) {
        long nanos = duration.toNanos();
        if (Math.abs(nanos) < 999_500) {
            return decimals(Math.round(nanos / 1_000.0), 3) + " ms";
        }
        return decimals(Math.round(nanos / 10_000.0), 2) + " ms";
    }

    /** @return exact milliseconds without trailing zeros, for machines (the reports' JSON): "0.42", "12", "0.000123" */
    public static String exactMillis(Duration duration) {
        BigDecimal millis = BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros();
        return millis.signum() == 0 ? "0" : millis.toPlainString();
    }

    /** @return milliseconds as a double, for drawing and arithmetic, not for printing */
    public static double toMillis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }

    /**
     * Formats a fixed-point number.
     *
     * @param scaled the number times {@code 10^places}, rounded
     * @return e.g. {@code decimals(-1234, 2)} is "-12.34"
     */
    public static String decimals(long scaled, int places) {
        long unit = 1;
        for (int i = 0; i < places; i++) {
            unit *= 10;
        }
        long magnitude = Math.abs(scaled);
        StringBuilder text = new StringBuilder(scaled < 0 ? "-" : "").append(magnitude / unit);
        if (places > 0) {
            String fraction = Long.toString(magnitude % unit);
            text.append('.').append("0".repeat(places - fraction.length())).append(fraction);
        }
        return text.toString();
    }

    /**
     * @param count requests in the burst
     * @param statusCounts status to count, complete responses only
     * @param failed how many requests failed
     * @return "10 requests, 9×200, 1×500, 1 failed"
     */
    public static String counts(int count, Map<Integer, Long> statusCounts, int failed) {
        StringBuilder text = new StringBuilder().append(count).append(count == 1 ? " request" : " requests");
        statusCounts.forEach((status, times) -> text.append(", ").append(times).append('\u00d7').append(status));
        if (failed > 0) {
            text.append(", ").append(failed).append(" failed");
        }
        return text.toString();
    }

    /**
     * @param sent how many requests were written whole
     * @param count requests in the burst
     * @param sendSpread from the first request written to the last
     * @return "sent within 0.042 ms", "7 of 10 sent within 1.20 ms", or "nothing was sent"
     */
    public static String sent(int sent, int count, Duration sendSpread) {
        if (sent == 0) {
            return "nothing was sent";
        }
        return (sent == count ? "" : sent + " of " + count + " ") + "sent within " + millis(sendSpread);
    }

    /** @return ", 3 answered before the release", or nothing when none was */
    public static String answeredBeforeRelease(int answered) {
        return answered > 0 ? ", " + answered + " answered before the release" : "";
    }

    /** @return "U+000A": how a message names a character it cannot show */
    public static String codePoint(char c) {
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    }
}
