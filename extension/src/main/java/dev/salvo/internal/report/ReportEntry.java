package dev.salvo.internal.report;

import dev.salvo.Responses;
import dev.salvo.internal.text.Format;
import java.nio.file.Path;

/** The one-line summary Salvo publishes as a JUnit report entry for each burst. Not API. */
public final class ReportEntry {

    private ReportEntry() {}

    /**
     * @param responses the burst's results
     * @param report the burst's report page, or {@code null} when reports are off
     * @return "10 requests, 10×200, sent within 0.420 ms, p50 3.10 ms, p99 5.20 ms, report
     *     target/junit-jupiter/salvo-reports/CouponTest.redeem.html"
     */
    public static String text(Responses responses, Path report) {
        BurstStats stats = BurstStats.of(responses);
        String line = stats.counts() + ", " + stats.timings() + Format.answeredBeforeRelease(stats.answeredBeforeRelease());
        return report == null ? line : line + ", report " + shown(report);
    }

    /** @return the path relative to the working directory when it lies below it, else absolute */
    static String shown(Path report) {
        Path absolute = report.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString() : absolute.toString();
    }
}
