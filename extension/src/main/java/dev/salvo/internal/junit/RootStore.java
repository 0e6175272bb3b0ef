package dev.salvo.internal.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What lives for the whole engine run: one instance per type in the root store, which JUnit
 * closes when the run ends. Not API.
 */
final class RootStore {

    private RootStore() {}

    /**
     * Uses {@code getOrComputeIfAbsent}, which JUnit 6 deprecates in favour of
     * {@code computeIfAbsent}: the replacement does not exist in JUnit 5.14, which Salvo supports.
     */
    @SuppressWarnings("deprecation")
    static <T> T get(ExtensionContext context, Class<T> type, Supplier<T> factory) {
        return context.getRoot().getStore(BurstCallback.NAMESPACE).getOrComputeIfAbsent(type, key -> factory.get(), type);
    }
}
