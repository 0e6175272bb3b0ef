package dev.salvo;

import dev.salvo.internal.junit.BurstInvocation;
import dev.salvo.internal.junit.BurstSettings;
import dev.salvo.internal.junit.TestKinds;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a {@link ConcurrentRequests} method into one invocation per round, each of which fires
 * its burst after {@code @BeforeEach} and hands the {@link Responses} to the method. The
 * annotation is read and validated once, here, before any round runs.
 *
 * <p>A method that JUnit also runs as another kind of test ({@code @Test},
 * {@code @ParameterizedTest}...) fails in each of its invocations, before {@code @BeforeEach}
 * and before anything is sent, with a message that names the annotation to remove.
 */
final class ConcurrentRequestsExtension implements TestTemplateInvocationContextProvider, BeforeEachCallback {

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

    /** Fails the invocations of another kind of test that the same method also declares. */
    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod()
                .filter(method -> AnnotationSupport.isAnnotated(method, ConcurrentRequests.class))
                .ifPresent(TestKinds::checkNoOtherKind);
    }
}
