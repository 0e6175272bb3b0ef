package dev.salvo.internal.junit;

import dev.salvo.ConcurrentRequests;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Rejects a {@code @ConcurrentRequests} method that is also another kind of JUnit test
 * ({@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest}, {@code @TestFactory}, any
 * test template), which would run it again without a burst. Not API.
 */
public final class TestKinds {

    private static final List<Class<? extends Annotation>> KINDS = List.of(Test.class, TestTemplate.class,
            TestFactory.class, RepeatedTest.class);

    private TestKinds() {}

    /**
     * @throws ExtensionConfigurationException naming the method, the other annotation and what to do instead
     */
    public static void checkNoOtherKind(Method method) {
        String where = BurstSettings.where(method);
        for (Annotation annotation : method.getDeclaredAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type == ConcurrentRequests.class || AnnotationSupport.isAnnotated(type, ConcurrentRequests.class)) {
                continue;
            }
            if (KINDS.stream().anyMatch(kind -> type == kind || AnnotationSupport.isAnnotated(type, kind))) {
                throw new ExtensionConfigurationException(where + " is also annotated with @" + type.getSimpleName()
                        + ", which makes JUnit run it once more without a burst; " + advice(type));
            }
        }
    }

    /** @return the fix for a method that is also this kind of test */
    private static String advice(Class<? extends Annotation> type) {
        if (type == Test.class) {
            return "remove @Test: @ConcurrentRequests makes the method a test of its own";
        }
        if (type.getSimpleName().equals("ParameterizedTest")) {
            return "remove @ParameterizedTest and its sources: vary each request by its index in a @PrepareRequest"
                    + " method, or call Burst inside a @ParameterizedTest without @ConcurrentRequests";
        }
        if (type == RepeatedTest.class) {
            return "remove @RepeatedTest and use @ConcurrentRequests(rounds = n) to run the burst n times";
        }
        if (type == TestFactory.class) {
            return "remove @TestFactory, or build the dynamic tests with Burst without @ConcurrentRequests";
        }
        return "remove @" + type.getSimpleName() + ", or call Burst inside it without @ConcurrentRequests";
    }
}
