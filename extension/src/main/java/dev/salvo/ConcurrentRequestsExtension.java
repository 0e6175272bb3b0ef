package dev.salvo;

import dev.salvo.internal.junit.BurstInvocation;
import dev.salvo.internal.junit.BurstSettings;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a {@link ConcurrentRequests} method into one invocation per round, each of which fires
 * its burst after {@code @BeforeEach} and hands the {@link Responses} to the method. The
 * annotation is read and validated once, here, before any round runs.
 */
final class ConcurrentRequestsExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> AnnotationSupport.isAnnotated(method, ConcurrentRequests.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        BurstSettings settings = BurstSettings.read(context);
        return IntStream.rangeClosed(1, settings.rounds()).mapToObj(round -> new BurstInvocation(settings, round));
    }
}
