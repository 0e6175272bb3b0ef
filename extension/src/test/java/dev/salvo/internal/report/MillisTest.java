package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.internal.Format;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MillisTest {

    @Test
    void exactKeepsEveryNanosecondAndNoTrailingZero() {
        assertThat(Millis.exact(Duration.ofNanos(420_000))).isEqualTo("0.42");
        assertThat(Millis.exact(Duration.ofNanos(123))).isEqualTo("0.000123");
        assertThat(Millis.exact(Duration.ofMillis(10_000))).isEqualTo("10000");
        assertThat(Millis.exact(Duration.ZERO)).isEqualTo("0");
    }

    @Test
    void textIsTheOneFormatSalvoPrints() {
        assertThat(Millis.text(Duration.ofNanos(424_999))).isEqualTo("0.425 ms");
        assertThat(Millis.text(Duration.ofNanos(3_050_000))).isEqualTo("3.05 ms");
        assertThat(Millis.text(Duration.ofSeconds(12))).isEqualTo("12000.00 ms");
        assertThat(Millis.text(Duration.ZERO)).isEqualTo("0.000 ms");
    }

    @Test
    void decimalsPadsTheFractionAndKeepsTheSign() {
        assertThat(Format.decimals(1205, 2)).isEqualTo("12.05");
        assertThat(Format.decimals(-5, 1)).isEqualTo("-0.5");
        assertThat(Format.decimals(7, 0)).isEqualTo("7");
    }
}
