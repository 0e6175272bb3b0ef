package dev.salvo.internal.junit;

import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.TlsTrust;
import dev.salvo.internal.Urls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Salvo's configuration parameters ({@code junit-platform.properties}, system properties, or
 * the launcher), parsed and checked. Not API.
 *
 * @param baseUrl {@code salvo.base-url}, or {@code null}
 * @param timeoutMillis {@code salvo.timeout-millis}, or {@code null} to keep the annotation's
 * @param prepareThreads {@code salvo.prepare-threads}; 0 for automatic
 * @param prepareTimeout {@code salvo.prepare-timeout-millis}
 * @param maxBodyBytes {@code salvo.max-body-bytes}
 */
record Defaults(URI baseUrl, Long timeoutMillis, int prepareThreads, Duration prepareTimeout, long maxBodyBytes) {

    static final String BASE_URL = "salvo.base-url";
    static final String TIMEOUT_MILLIS = "salvo.timeout-millis";
    static final String PREPARE_THREADS = "salvo.prepare-threads";
    static final String PREPARE_TIMEOUT_MILLIS = "salvo.prepare-timeout-millis";
    static final String MAX_BODY_BYTES = "salvo.max-body-bytes";
    static final String TLS_TRUST_ALL = "salvo.tls.trust-all";
    static final String TLS_TRUST_STORE = "salvo.tls.trust-store";
    static final String TLS_TRUST_STORE_PASSWORD = "salvo.tls.trust-store-password";

    /**
     * The certificates the engine run's client accepts: {@code salvo.tls.trust-all=true}, or
     * {@code salvo.tls.trust-store} (with {@code salvo.tls.trust-store-password}), else the JVM's.
     */
    static TlsTrust tlsTrust(ExtensionContext context) {
        String all = context.getConfigurationParameter(TLS_TRUST_ALL).map(String::trim).orElse("false");
        if (!all.equalsIgnoreCase("true") && !all.equalsIgnoreCase("false")) {
            throw new ExtensionConfigurationException("configuration parameter '" + TLS_TRUST_ALL + "' = '" + all
                    + "' must be true or false");
        }
        Optional<String> store = context.getConfigurationParameter(TLS_TRUST_STORE).filter(s -> !s.isBlank());
        if (all.equalsIgnoreCase("true")) {
            if (store.isPresent()) {
                throw new ExtensionConfigurationException("configuration parameters '" + TLS_TRUST_ALL + "' and '"
                        + TLS_TRUST_STORE + "' are both set; use one of them");
            }
            return TlsTrust.all();
        }
        if (store.isEmpty()) {
            return TlsTrust.VERIFY;
        }
        try {
            return TlsTrust.store(Path.of(store.get().trim()),
                    context.getConfigurationParameter(TLS_TRUST_STORE_PASSWORD).orElse(null));
        } catch (IllegalArgumentException unusable) {
            throw new ExtensionConfigurationException("configuration parameter '" + TLS_TRUST_STORE + "': "
                    + unusable.getMessage());
        }
    }

    static Defaults from(ExtensionContext context) {
        URI baseUrl = context.getConfigurationParameter(BASE_URL).filter(s -> !s.isBlank()).map(Defaults::baseUrl).orElse(null);
        Long timeout = number(context, TIMEOUT_MILLIS, 1, BurstPlan.MAX_TIMEOUT_MILLIS).orElse(null);
        int threads = number(context, PREPARE_THREADS, 0, BurstPlan.MAX_PREPARE_THREADS).orElse(0L).intValue();
        Duration prepareTimeout = number(context, PREPARE_TIMEOUT_MILLIS, 1, BurstPlan.MAX_TIMEOUT_MILLIS)
                .map(Duration::ofMillis).orElse(BurstPlan.DEFAULT_PREPARE_TIMEOUT);
        long maxBody = number(context, MAX_BODY_BYTES, 0, Integer.MAX_VALUE - 8).orElse(BurstPlan.DEFAULT_MAX_BODY_BYTES);
        return new Defaults(baseUrl, timeout, threads, prepareTimeout, maxBody);
    }

    private static URI baseUrl(String text) {
        try {
            URI uri = Urls.parse(text.trim());
            Urls.checkBase(uri);
            return uri;
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException("configuration parameter '" + BASE_URL + "' = '" + text
                    + "' is not usable: " + invalid.getMessage());
        }
    }

    private static Optional<Long> number(ExtensionContext context, String key, long min, long max) {
        return context.getConfigurationParameter(key).filter(s -> !s.isBlank()).map(text -> {
            long value;
            try {
                value = Long.parseLong(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException("configuration parameter '" + key + "' = '" + text
                        + "' is not a whole number; allowed " + min + ".." + max);
            }
            if (value < min || value > max) {
                throw new ExtensionConfigurationException("configuration parameter '" + key + "' = " + value
                        + " is out of range: allowed " + min + ".." + max);
            }
            return value;
        });
    }
}
