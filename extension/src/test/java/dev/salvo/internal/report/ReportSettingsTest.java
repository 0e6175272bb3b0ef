package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSettingsTest {

    @Test
    void defaultsToEnabledWithNoDirectoryOfItsOwn() {
        assertThat(settings(Map.of())).isEqualTo(new ReportSettings(true, Optional.empty()));
        assertThat(settings(Map.of(ReportSettings.ENABLED, " ", ReportSettings.DIR, "")))
                .isEqualTo(new ReportSettings(true, Optional.empty()));
    }

    @Test
    void readsBothParameters() {
        assertThat(settings(Map.of(ReportSettings.ENABLED, " FALSE ", ReportSettings.DIR, " build/reports/salvo ")))
                .isEqualTo(new ReportSettings(false, Optional.of(Path.of("build/reports/salvo"))));
        assertThat(settings(Map.of(ReportSettings.ENABLED, "true")).enabled()).isTrue();
    }

    @Test
    void rejectsAnythingButTrueOrFalse() {
        assertThatThrownBy(() -> settings(Map.of(ReportSettings.ENABLED, "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration parameter 'salvo.reports.enabled' = 'yes' is not a boolean; use true or false");
    }

    @Test
    void rejectsAnUnusablePath() {
        assertThatThrownBy(() -> settings(Map.of(ReportSettings.DIR, "bad\u0000dir")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("configuration parameter 'salvo.reports.dir' = 'bad\u0000dir' is not a usable path")
                .hasMessageEndingWith("use a directory such as target/salvo-reports");
    }

    private static ReportSettings settings(Map<String, String> parameters) {
        return ReportSettings.from(key -> Optional.ofNullable(parameters.get(key)));
    }
}
