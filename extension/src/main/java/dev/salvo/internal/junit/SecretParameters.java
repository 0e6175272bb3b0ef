package dev.salvo.internal.junit;

import dev.salvo.RequestSpec;
import dev.salvo.internal.Redaction;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The configuration parameters {@code salvo.secrets.headers} and
 * {@code salvo.secrets.query-parameters}: comma-separated names masked beside the built-in
 * ones. They travel with each prepared request, never through a shared list. Not API.
 */
final class SecretParameters {

    static final String HEADERS = "salvo.secrets.headers";
    static final String QUERY_PARAMETERS = "salvo.secrets.query-parameters";

    private SecretParameters() {}

    /**
     * @return the preparer, its requests masking the configured names as well
     * @throws ExtensionConfigurationException naming the parameter and the value it cannot use
     */
    static IntFunction<RequestSpec> appliedTo(ExtensionContext context, IntFunction<RequestSpec> preparer) {
        List<String> headers = names(context, HEADERS);
        List<String> parameters = names(context, QUERY_PARAMETERS);
        Redaction extra;
        try {
            extra = Redaction.NONE.plus(headers, List.of());
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException("configuration parameter '" + HEADERS + "': " + invalid.getMessage());
        }
        try {
            extra = extra.plus(List.of(), parameters);
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException("configuration parameter '" + QUERY_PARAMETERS + "': "
                    + invalid.getMessage());
        }
        return extra.appliedTo(preparer);
    }

    private static List<String> names(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key)
                .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList())
                .orElse(List.of());
    }
}
