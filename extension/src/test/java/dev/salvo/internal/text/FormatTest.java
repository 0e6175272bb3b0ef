package dev.salvo.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void exactMillisKeepsEveryNanosecondAndNoTrailingZero() {
        assertThat(Format.exactMillis(Duration.ofNanos(420_000))).isEqualTo("0.42");
        assertThat(Format.exactMillis(Duration.ofNanos(123))).isEqualTo("0.000123");
        assertThat(Format.exactMillis(Duration.ofMillis(10_000))).isEqualTo("10000");
        assertThat(Format.exactMillis(Duration.ZERO)).isEqualTo("0");
    }

    @Test
    void millisIsTheOneFormatSalvoPrints() {
        assertThat(Format.millis(Duration.ofNanos(424_999))).isEqualTo("0.425 ms");
        assertThat(Format.millis(Duration.ofNanos(3_050_000))).isEqualTo("3.05 ms");
        assertThat(Format.millis(Duration.ofSeconds(12))).isEqualTo("12000.00 ms");
        assertThat(Format.millis(Duration.ZERO)).isEqualTo("0.000 ms");
    }

    @Test
    void decimalsPadsTheFractionAndKeepsTheSign() {
        assertThat(Format.decimals(1205, 2)).isEqualTo("12.05");
        assertThat(Format.decimals(-5, 1)).isEqualTo("-0.5");
        assertThat(Format.decimals(7, 0)).isEqualTo("7");
    }
}
