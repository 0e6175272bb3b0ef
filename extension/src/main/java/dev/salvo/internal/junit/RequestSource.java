package dev.salvo.internal.junit;

import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.internal.text.Urls;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Where the requests of a burst come from: the {@code url} attribute, or a preparation method. Not API. */
public sealed interface RequestSource {

    /** @return the function that makes the request for each index, bound to the test instance */
    IntFunction<RequestSpec> preparer(Object testInstance);

    /** {@code url} (with {@code {index}} replaced) and {@code method}. */
    record UrlTemplate(String method, String url) implements RequestSource {
        @Override
        public IntFunction<RequestSpec> preparer(Object testInstance) {
            return index -> RequestSpec.of(method, url.replace("{index}", Integer.toString(index)));
        }
    }

    /** A method {@code RequestSpec name(int index)} of the test class, static or not. */
    record PreparationMethod(Method method) implements RequestSource {
        @Override
        public IntFunction<RequestSpec> preparer(Object testInstance) {
            Object target = Modifier.isStatic(method.getModifiers()) ? null : testInstance;
            return index -> (RequestSpec) ReflectionSupport.invokeMethod(method, target, index);
        }
    }

    /**
     * Chooses and checks the source named by the annotation.
     *
     * @throws IllegalArgumentException naming the attribute, its value, and what to use instead
     */
    static RequestSource of(ConcurrentRequests annotation, Class<?> testClass, boolean hasConfiguredBase) {
        String url = annotation.url();
        String prepare = annotation.prepare();
        if (!url.isEmpty() && !prepare.isEmpty()) {
            throw new IllegalArgumentException("'url' = '" + url + "' and 'prepare' = '" + prepare
                    + "' are both set; use one of them");
        }
        List<Method> annotated = AnnotationSupport.findAnnotatedMethods(testClass, PrepareRequest.class,
                HierarchyTraversalMode.TOP_DOWN).stream().sorted(java.util.Comparator.comparing(Method::getName)).toList();
        if (!url.isEmpty()) {
            if (!annotated.isEmpty()) {
                throw new IllegalArgumentException("'url' = '" + url + "' is set, but " + testClass.getSimpleName()
                        + " also has the @PrepareRequest method" + (annotated.size() == 1 ? " " : "s ")
                        + names(annotated) + ", which 'url' would leave unused; remove 'url' to prepare the requests"
                        + " with " + (annotated.size() == 1 ? "it" : "one of them (chosen with 'prepare')")
                        + ", or, to keep 'url' here, remove @PrepareRequest and let the methods that use it name it"
                        + " with 'prepare' = \"" + annotated.get(0).getName() + "\"");
            }
            return urlTemplate(annotation.method(), url, testClass, hasConfiguredBase);
        }
        if (!prepare.isEmpty()) {
            return named(prepare, testClass);
        }
        if (annotated.isEmpty()) {
            throw new IllegalArgumentException("needs a 'url' or a @PrepareRequest method "
                    + "(RequestSpec name(int index)) in " + testClass.getSimpleName());
        }
        if (annotated.size() > 1) {
            throw new IllegalArgumentException(testClass.getSimpleName() + " has " + annotated.size()
                    + " @PrepareRequest methods (" + names(annotated) + "); choose one with 'prepare' = \""
                    + annotated.get(0).getName() + "\"");
        }
        return checked(annotated.get(0), "@PrepareRequest method");
    }

    private static RequestSource urlTemplate(String method, String url, Class<?> testClass, boolean hasConfiguredBase) {
        try {
            RequestSpec.of(method, "/");
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("'method' = '" + method
                    + "' is not an HTTP method token; use GET, POST, PUT, PATCH, DELETE or another token");
        }
        String sample = url.replace("{index}", "0");
        boolean absolute;
        try {
            absolute = Urls.isAbsolute(sample);
            if (absolute) {
                Urls.resolve(null, sample);
            }
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("'url' = '" + url + "': " + invalid.getMessage());
        }
        if (!absolute && !hasConfiguredBase && !BaseUrls.declaredFor(testClass)) {
            throw new IllegalArgumentException("relative 'url' = '" + url + "' needs a @BaseUrl member or the "
                    + "'salvo.base-url' configuration parameter; or give an absolute URL");
        }
        return new UrlTemplate(method, url);
    }

    private static RequestSource named(String name, Class<?> testClass) {
        List<Method> candidates = ReflectionSupport.findMethods(testClass, m -> m.getName().equals(name),
                HierarchyTraversalMode.BOTTOM_UP);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("'prepare' = '" + name + "' names no method of "
                    + testClass.getSimpleName() + "; expected a method RequestSpec " + name + "(int index)");
        }
        return candidates.stream().filter(RequestSource::hasPreparationSignature).findFirst()
                .map(m -> (RequestSource) new PreparationMethod(m))
                .orElseThrow(() -> new IllegalArgumentException("'prepare' = '" + name + "': "
                        + signatureProblem(candidates.get(0))));
    }

    private static RequestSource checked(Method method, String what) {
        if (!hasPreparationSignature(method)) {
            throw new IllegalArgumentException(what + " " + signatureProblem(method));
        }
        return new PreparationMethod(method);
    }

    private static boolean hasPreparationSignature(Method method) {
        return method.getParameterCount() == 1
                && method.getParameterTypes()[0] == int.class
                && RequestSpec.class.isAssignableFrom(method.getReturnType());
    }

    private static String signatureProblem(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        String takes = parameters.length == 0 ? "takes no parameter"
                : "takes (" + Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
        String fix;
        if (parameters.length == 1 && parameters[0] != int.class) {
            fix = "declare its parameter as int, not " + parameters[0].getSimpleName();
        } else if (parameters.length != 1) {
            fix = "declare exactly one parameter, int index";
        } else {
            fix = "return RequestSpec";
        }
        return Describe.method(method) + " must take (int index) and return RequestSpec, but it " + takes
                + " and returns " + method.getReturnType().getSimpleName() + "; " + fix;
    }

    private static String names(List<Method> methods) {
        return methods.stream().map(Method::getName).collect(Collectors.joining(", "));
    }
}
