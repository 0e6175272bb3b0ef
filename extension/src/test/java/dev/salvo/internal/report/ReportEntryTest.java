package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportEntryTest {

    @Test
    void summarisesTheBurstAndNamesTheReport() {
        assertThat(ReportEntry.text(Fixtures.threeRequests(), Path.of("target/salvo-reports/a.B.c.html")))
                .isEqualTo("3 requests, 1\u00d7200, 1\u00d7500, 1 failed, sent within 0.200 ms, p50 2.00 ms, p99 4.00 ms, "
                        + "report " + Path.of("target/salvo-reports/a.B.c.html"));
    }

    @Test
    void showsAReportBelowTheWorkingDirectoryRelativeToIt() {
        Path absolute = Path.of("").toAbsolutePath().resolve("target/salvo-reports/x.html");

        assertThat(ReportEntry.text(Fixtures.many(1), absolute)).endsWith(", report " + Path.of("target/salvo-reports/x.html"));
        assertThat(ReportEntry.shown(Path.of("/elsewhere/x.html"))).isEqualTo(Path.of("/elsewhere/x.html").toString());
    }

    @Test
    void leavesOutWhatIsNotThere() {
        assertThat(ReportEntry.text(Fixtures.many(1), null)).isEqualTo("1 request, 1\u00d7200, sent within 0.000 ms, p50 1.50 ms, p99 1.50 ms");
    }
}
