package dev.salvo.internal.junit;

import dev.salvo.internal.SalvoClient;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one HTTP client of an engine run, kept in the root store so that JUnit closes it when
 * the run ends. Not API.
 */
final class Clients {

    private Clients() {}

    /**
     * Uses {@code getOrComputeIfAbsent}, which JUnit 6 deprecates in favour of
     * {@code computeIfAbsent}: the replacement does not exist in JUnit 5.14, which Salvo supports.
     */
    @SuppressWarnings("deprecation")
    static SalvoClient shared(ExtensionContext context) {
        return context.getRoot().getStore(BurstCallback.NAMESPACE)
                .getOrComputeIfAbsent(SalvoClient.class, type -> SalvoClient.start(Defaults.tlsTrust(context)), SalvoClient.class);
    }
}
