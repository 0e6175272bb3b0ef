package dev.salvo.internal.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.internal.client.TlsTrust;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ConfigurationTest {

    @Test
    void nothingSetIsEmptyNotADefaultValue() {
        Configuration configuration = read(Map.of());
        assertThat(configuration.baseUrl()).isEmpty();
        assertThat(configuration.timeoutMillis()).isEmpty();
        assertThat(configuration.prepareThreads()).isEmpty();
        assertThat(configuration.prepareTimeout()).isEmpty();
        assertThat(configuration.maxBodyBytes()).isEmpty();
        assertThat(configuration.tlsTrust()).isEqualTo(TlsTrust.VERIFY);
        assertThat(configuration.reports().enabled()).isTrue();
        assertThat(configuration.reports().directory()).isEmpty();
        assertThat(configuration.junitTimeouts().templateMethodDefault()).isEmpty();
    }

    @Test
    void aValueEqualToTheDefaultIsStillSet() {
        Configuration configuration = read(Map.of(Configuration.TIMEOUT_MILLIS, "10000", Configuration.PREPARE_THREADS, "0"));
        assertThat(configuration.timeoutMillis()).contains(10_000L);
        assertThat(configuration.prepareThreads()).contains(0);
    }

    @Test
    void blankIsNotSet() {
        assertThat(read(Map.of(Configuration.TIMEOUT_MILLIS, "  ", Configuration.BASE_URL, "")).timeoutMillis()).isEmpty();
    }

    @Test
    void readsEveryParameterTrimmedWithDigitGroups() {
        Configuration configuration = read(Map.of(Configuration.BASE_URL, " http://127.0.0.1:8080 ",
                Configuration.TIMEOUT_MILLIS, " 2_500 ", Configuration.PREPARE_THREADS, "8",
                Configuration.PREPARE_TIMEOUT_MILLIS, "90000", Configuration.MAX_BODY_BYTES, "1024",
                Configuration.TLS_TRUST_ALL, "TRUE"));
        assertThat(configuration.baseUrl()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(configuration.timeoutMillis()).contains(2_500L);
        assertThat(configuration.prepareThreads()).contains(8);
        assertThat(configuration.prepareTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(90));
        assertThat(configuration.maxBodyBytesOrDefault()).isEqualTo(1024);
        assertThat(configuration.tlsTrust().trustAll()).isTrue();
    }

    @Test
    void aBadValueNamesTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> read(Map.of(Configuration.TIMEOUT_MILLIS, "soon")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter 'salvo.timeout-millis' = 'soon' is not a whole number; allowed 1..86400000");
        assertThatThrownBy(() -> read(Map.of(Configuration.PREPARE_THREADS, "1001")))
                .hasMessage("configuration parameter 'salvo.prepare-threads' = 1001 is out of range: allowed 0..1000");
        assertThatThrownBy(() -> read(Map.of(Configuration.BASE_URL, "/relative")))
                .hasMessageStartingWith("configuration parameter 'salvo.base-url' = '/relative' is not usable: ");
        assertThatThrownBy(() -> read(Map.of(Configuration.TLS_TRUST_ALL, "yes")))
                .hasMessage("configuration parameter 'salvo.tls.trust-all' = 'yes' must be true or false");
        assertThatThrownBy(() -> read(Map.of(Configuration.TLS_TRUST_ALL, "true", Configuration.TLS_TRUST_STORE, "x.p12")))
                .hasMessageContaining("are both set; use one of them");
        assertThatThrownBy(() -> read(Map.of("salvo.reports.enabled", "maybe")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("'salvo.reports.enabled' = 'maybe' is not a boolean");
        assertThatThrownBy(() -> read(Map.of("junit.jupiter.execution.timeout.default", "soon")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("'junit.jupiter.execution.timeout.default' = 'soon' is not a duration");
    }

    @Test
    void eachParameterIsAskedForOnce() {
        Map<String, AtomicInteger> asked = new java.util.concurrent.ConcurrentHashMap<>();
        Configuration.read(key -> {
            asked.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return Optional.empty();
        });
        assertThat(asked).containsKeys(Configuration.BASE_URL, Configuration.TIMEOUT_MILLIS, Configuration.PREPARE_THREADS,
                Configuration.PREPARE_TIMEOUT_MILLIS, Configuration.MAX_BODY_BYTES, Configuration.TLS_TRUST_ALL,
                Configuration.TLS_TRUST_STORE, "salvo.reports.enabled", "salvo.reports.dir",
                "junit.jupiter.execution.timeout.mode", "junit.jupiter.execution.timeout.default");
        assertThat(asked.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    private static Configuration read(Map<String, String> parameters) {
        return Configuration.read(key -> Optional.ofNullable(parameters.get(key)));
    }
}
