package dev.salvo.internal.junit;

import dev.salvo.internal.client.TlsTrust;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.report.ReportSettings;
import dev.salvo.internal.text.Redaction;
import dev.salvo.internal.text.Urls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every run-wide configuration parameter Salvo reads ({@code junit-platform.properties}, system
 * properties, or the launcher), parsed and checked once per engine run and kept in the root
 * store. A parameter that is not set (or blank) is empty, told apart from every value. Not API.
 *
 * @param baseUrl {@value #BASE_URL}
 * @param timeoutMillis {@value #TIMEOUT_MILLIS}
 * @param prepareThreads {@value #PREPARE_THREADS}; 0 means automatic
 * @param prepareTimeout {@value #PREPARE_TIMEOUT_MILLIS}
 * @param maxBodyBytes {@value #MAX_BODY_BYTES}
 * @param holdBoundMillis {@value #HOLD_BOUND_MILLIS}
 * @param tlsTrust the certificates the run's client accepts, from the {@code salvo.tls.*} parameters
 * @param reports the {@code salvo.reports.*} parameters
 * @param junitTimeouts JUnit's own timeout parameters, which bound the burst too
 * @param secrets {@value #SECRET_HEADERS} and {@value #SECRET_QUERY_PARAMETERS}: comma-separated
 *     names masked beside the built-in ones, carried by each prepared request
 */
record Configuration(Optional<URI> baseUrl, Optional<Long> timeoutMillis, Optional<Integer> prepareThreads,
        Optional<Duration> prepareTimeout, Optional<Long> maxBodyBytes, Optional<Long> holdBoundMillis, TlsTrust tlsTrust, ReportSettings reports,
        TestTimeouts.Defaults junitTimeouts, Redaction secrets) {

    static final String BASE_URL = "salvo.base-url";
    static final String TIMEOUT_MILLIS = "salvo.timeout-millis";
    static final String PREPARE_THREADS = "salvo.prepare-threads";
    static final String PREPARE_TIMEOUT_MILLIS = "salvo.prepare-timeout-millis";
    static final String MAX_BODY_BYTES = "salvo.max-body-bytes";
    static final String HOLD_BOUND_MILLIS = "salvo.hold-bound-millis";
    static final String TLS_TRUST_ALL = "salvo.tls.trust-all";
    static final String TLS_TRUST_STORE = "salvo.tls.trust-store";
    static final String TLS_TRUST_STORE_PASSWORD = "salvo.tls.trust-store-password";
    static final String SECRET_HEADERS = "salvo.secrets.headers";
    static final String SECRET_QUERY_PARAMETERS = "salvo.secrets.query-parameters";

    /**
     * The engine run's configuration, read at the first call of the run.
     *
     * @throws ExtensionConfigurationException naming the parameter, its value and the allowed values;
     *     the store keeps the failure and throws it again to every test that asks, so each says why
     */
    static Configuration of(ExtensionContext context) {
        return RootStore.get(context, Configuration.class, () -> read(context::getConfigurationParameter));
    }

    /**
     * Parses and checks every parameter.
     *
     * @param parameters a configuration parameter's value by key
     * @throws ExtensionConfigurationException naming the parameter, its value and the allowed values
     */
    static Configuration read(Function<String, Optional<String>> parameters) {
        Function<String, Optional<String>> set = key -> parameters.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        try {
            return new Configuration(
                    set.apply(BASE_URL).map(Configuration::baseUrl),
                    set.apply(TIMEOUT_MILLIS).map(text -> number(TIMEOUT_MILLIS, text, 1, BurstPlan.MAX_TIMEOUT_MILLIS)),
                    set.apply(PREPARE_THREADS).map(text -> (int) number(PREPARE_THREADS, text, 0, BurstPlan.MAX_PREPARE_THREADS)),
                    set.apply(PREPARE_TIMEOUT_MILLIS)
                            .map(text -> Duration.ofMillis(number(PREPARE_TIMEOUT_MILLIS, text, 1, BurstPlan.MAX_TIMEOUT_MILLIS))),
                    set.apply(MAX_BODY_BYTES).map(text -> number(MAX_BODY_BYTES, text, 0, Integer.MAX_VALUE - 8)),
                    set.apply(HOLD_BOUND_MILLIS).map(text -> number(HOLD_BOUND_MILLIS, text, 1, BurstPlan.MAX_HOLD_BOUND_MILLIS)),
                    tlsTrust(set, parameters),
                    ReportSettings.from(parameters),
                    TestTimeouts.Defaults.read(set),
                    secrets(set));
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(invalid.getMessage(), invalid);
        }
    }

    /** @return the preparation bound: {@value #PREPARE_TIMEOUT_MILLIS}, or the plan's default */
    Duration prepareTimeoutOrDefault() {
        return prepareTimeout.orElse(BurstPlan.DEFAULT_PREPARE_TIMEOUT);
    }

    /** @return the largest body kept: {@value #MAX_BODY_BYTES}, or the plan's default */
    long maxBodyBytesOrDefault() {
        return maxBodyBytes.orElse(BurstPlan.DEFAULT_MAX_BODY_BYTES);
    }

    private static URI baseUrl(String text) {
        try {
            URI uri = Urls.parse(text);
            Urls.checkBase(uri);
            return uri;
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("configuration parameter '" + BASE_URL + "' = '" + text
                    + "' is not usable: " + invalid.getMessage(), invalid);
        }
    }

    /**
     * {@code salvo.tls.trust-all=true}, or {@code salvo.tls.trust-store} (with
     * {@code salvo.tls.trust-store-password}), else the JVM's trust store.
     */
    private static TlsTrust tlsTrust(Function<String, Optional<String>> set, Function<String, Optional<String>> raw) {
        String all = set.apply(TLS_TRUST_ALL).orElse("false");
        if (!all.equalsIgnoreCase("true") && !all.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("configuration parameter '" + TLS_TRUST_ALL + "' = '" + all
                    + "' must be true or false");
        }
        Optional<String> store = set.apply(TLS_TRUST_STORE);
        if (all.equalsIgnoreCase("true")) {
            if (store.isPresent()) {
                throw new IllegalArgumentException("configuration parameters '" + TLS_TRUST_ALL + "' and '"
                        + TLS_TRUST_STORE + "' are both set; use one of them");
            }
            return TlsTrust.all();
        }
        if (store.isEmpty()) {
            return TlsTrust.VERIFY;
        }
        try {
            return TlsTrust.store(Path.of(store.get()), raw.apply(TLS_TRUST_STORE_PASSWORD).orElse(null));
        } catch (IllegalArgumentException unusable) {
            throw new IllegalArgumentException("configuration parameter '" + TLS_TRUST_STORE + "': "
                    + unusable.getMessage(), unusable);
        }
    }

    private static Redaction secrets(Function<String, Optional<String>> set) {
        Redaction secrets = Redaction.NONE;
        try {
            secrets = secrets.plus(names(set, SECRET_HEADERS), List.of());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("configuration parameter '" + SECRET_HEADERS + "': " + invalid.getMessage(), invalid);
        }
        try {
            return secrets.plus(List.of(), names(set, SECRET_QUERY_PARAMETERS));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("configuration parameter '" + SECRET_QUERY_PARAMETERS + "': "
                    + invalid.getMessage(), invalid);
        }
    }

    private static List<String> names(Function<String, Optional<String>> set, String key) {
        return set.apply(key).map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList())
                .orElse(List.of());
    }

    /** A whole number within {@code min..max}; {@code _} may group digits. */
    static long number(String key, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' = '" + text
                    + "' is not a whole number; allowed " + min + ".." + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' = " + value
                    + " is out of range: allowed " + min + ".." + max);
        }
        return value;
    }
}
