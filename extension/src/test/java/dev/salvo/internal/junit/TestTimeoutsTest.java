package dev.salvo.internal.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestTimeoutsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5           | PT5S     | 5 seconds",
            "1 s         | PT1S     | 1 second",
            "500ms       | PT0.5S   | 500 milliseconds",
            "500 MS      | PT0.5S   | 500 milliseconds",
            "2 m         | PT2M     | 2 minutes",
            "1h          | PT1H     | 1 hour",
            "1 d         | PT24H    | 1 day",
            "250 us      | PT0.00025S | 250 microseconds",
            "250 μs      | PT0.00025S | 250 microseconds",
            "7 ns        | PT0.000000007S | 7 nanoseconds"})
    void parsesJUnitsDurationFormat(String text, Duration expected, String description) {
        TestTimeouts.Limit limit = TestTimeouts.parse("key", text);
        assertThat(limit.duration()).isEqualTo(expected);
        assertThat(limit.description()).isEqualTo(description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"soon", "0", "0 s", "-1 s", "5 sec", "5  s", "1.5 s", "s"})
    void rejectsAnythingElseNamingTheParameter(String text) {
        assertThatThrownBy(() -> TestTimeouts.parse("junit.jupiter.execution.timeout.default", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("configuration parameter 'junit.jupiter.execution.timeout.default' = '" + text
                        + "' is not a duration such as '5 s' or '500 ms'");
    }

    @Test
    void theMostSpecificDefaultWinsAndTheModeCanTurnThemOff() {
        Map<String, String> all = Map.of(Timeout.DEFAULT_TIMEOUT_PROPERTY_NAME, "30 s",
                Timeout.DEFAULT_TESTABLE_METHOD_TIMEOUT_PROPERTY_NAME, "20 s",
                Timeout.DEFAULT_TEST_TEMPLATE_METHOD_TIMEOUT_PROPERTY_NAME, "10 s",
                Timeout.DEFAULT_TEST_METHOD_TIMEOUT_PROPERTY_NAME, "1 s");
        assertThat(defaults(all).templateMethodDefault()).map(TestTimeouts.Limit::duration).contains(Duration.ofSeconds(10));
        assertThat(defaults(Map.of(Timeout.DEFAULT_TIMEOUT_PROPERTY_NAME, "30 s",
                Timeout.DEFAULT_TESTABLE_METHOD_TIMEOUT_PROPERTY_NAME, "20 s")).templateMethodDefault())
                .map(TestTimeouts.Limit::duration).contains(Duration.ofSeconds(20));
        assertThat(defaults(Map.of(Timeout.DEFAULT_TEST_METHOD_TIMEOUT_PROPERTY_NAME, "1 s")).templateMethodDefault())
                .as("a @Test method default does not apply to a test template").isEmpty();
        assertThat(defaults(Map.of(Timeout.TIMEOUT_MODE_PROPERTY_NAME, "DISABLED")).enabled()).isFalse();
        assertThat(defaults(Map.of()).enabled()).isTrue();
    }

    @Test
    void theMethodsAnnotationWinsOverTheClassesAndTheDefault() throws NoSuchMethodException {
        TestTimeouts.Defaults defaults = defaults(Map.of(Timeout.DEFAULT_TIMEOUT_PROPERTY_NAME, "30 s"));
        Method annotated = Timed.class.getDeclaredMethod("annotated");
        Method plain = Timed.class.getDeclaredMethod("plain");
        assertThat(TestTimeouts.of(annotated, Timed.class, defaults)).map(TestTimeouts.Limit::description).contains("250 milliseconds");
        assertThat(TestTimeouts.of(plain, Timed.class, defaults)).map(TestTimeouts.Limit::description).contains("2 seconds");
        assertThat(TestTimeouts.of(plain, Timed.Inner.class, defaults)).map(TestTimeouts.Limit::description).contains("2 seconds");
        assertThat(TestTimeouts.of(plain, TestTimeoutsTest.class, defaults)).map(TestTimeouts.Limit::description).contains("30 seconds");
        assertThat(TestTimeouts.of(annotated, Timed.class, new TestTimeouts.Defaults(false, Optional.empty()))).isEmpty();
    }

    @Timeout(2)
    static class Timed {
        @Timeout(value = 250, unit = TimeUnit.MILLISECONDS)
        void annotated() {}

        void plain() {}

        class Inner {}
    }

    private static TestTimeouts.Defaults defaults(Map<String, String> parameters) {
        return TestTimeouts.Defaults.read(key -> Optional.ofNullable(parameters.get(key)).map(String::trim));
    }
}
