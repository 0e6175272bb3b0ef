package dev.salvo.internal.report;

import dev.salvo.internal.Format;
import java.math.BigDecimal;
import java.time.Duration;

/** Durations as the reports write them: exact milliseconds for JSON, the one text format for people. Not API. */
final class Millis {

    private Millis() {}

    /** @return exact milliseconds without trailing zeros, for JSON: "0.42", "12", "0.000123" */
    static String exact(Duration duration) {
        BigDecimal millis = BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros();
        return millis.signum() == 0 ? "0" : millis.toPlainString();
    }

    /** @return milliseconds for people, in the one format Salvo prints: {@link Format#millis(Duration)} */
    static String text(Duration duration) {
        return Format.millis(duration);
    }

    /** @return milliseconds as a double, for drawing */
    static double of(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
