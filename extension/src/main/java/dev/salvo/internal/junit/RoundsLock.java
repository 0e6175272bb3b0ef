package dev.salvo.internal.junit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Gives every {@code @ConcurrentRequests} method a lock of its own, so that JUnit runs the
 * method's rounds one after another while other methods still run in parallel.
 *
 * <p>JUnit runs the descendants of a node that holds a read-write lock in that node's thread;
 * the invocations of a test template are such descendants. The lock's key names the test class
 * and the method, so no two methods share one and nothing else waits on it.
 */
public final class RoundsLock implements ResourceLocksProvider {

    private static final String PREFIX = "dev.salvo.rounds:";

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return Set.of(new Lock(key(testClass, testMethod), ResourceAccessMode.READ_WRITE));
    }

    static String key(Class<?> testClass, Method testMethod) {
        String parameters = Arrays.stream(testMethod.getParameterTypes())
                .map(Class::getName)
                .collect(Collectors.joining(","));
        return PREFIX + testClass.getName() + "#" + testMethod.getName() + "(" + parameters + ")";
    }
}
