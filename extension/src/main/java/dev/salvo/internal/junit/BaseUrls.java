package dev.salvo.internal.junit;

import dev.salvo.BaseUrl;
import dev.salvo.internal.text.Urls;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds and reads {@link BaseUrl} members. Not API. */
final class BaseUrls {

    private BaseUrls() {}

    /** @return whether the class, its superclasses or its enclosing classes declare a {@code @BaseUrl} member */
    static boolean declaredFor(Class<?> testClass) {
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            if (!members(current).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the innermost {@code @BaseUrl} member of the given instances (outermost first, as
     * JUnit lists them).
     *
     * @return the base URL, or {@code null} when no instance declares one
     * @throws ExtensionConfigurationException when a class has several, or the value is unusable
     */
    static URI read(List<Object> instancesOutermostFirst) {
        for (int i = instancesOutermostFirst.size() - 1; i >= 0; i--) {
            Object instance = instancesOutermostFirst.get(i);
            List<Member> found = members(instance.getClass());
            if (found.size() > 1) {
                throw new ExtensionConfigurationException(instance.getClass().getSimpleName() + " has "
                        + found.size() + " @BaseUrl members (" + found.stream().map(Member::getName).toList()
                        + "); keep exactly one");
            }
            if (found.size() == 1) {
                return value(found.get(0), instance);
            }
        }
        return null;
    }

    private static List<Member> members(Class<?> type) {
        List<Member> found = new ArrayList<>();
        found.addAll(AnnotationSupport.findAnnotatedFields(type, BaseUrl.class));
        found.addAll(AnnotationSupport.findAnnotatedMethods(type, BaseUrl.class, HierarchyTraversalMode.TOP_DOWN));
        return found;
    }

    private static URI value(Member member, Object instance) {
        Object target = Modifier.isStatic(member.getModifiers()) ? null : instance;
        String name;
        Object value;
        if (member instanceof Field field) {
            name = "@BaseUrl field " + Describe.field(field);
            value = ReflectionSupport.tryToReadFieldValue(field, target).toOptional().orElse(null);
        } else {
            Method method = (Method) member;
            name = "@BaseUrl method " + Describe.method(method);
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException(name + " must take no parameters");
            }
            value = ReflectionSupport.invokeMethod(method, target);
        }
        URI uri = toUri(name, value);
        try {
            Urls.checkBase(uri);
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(name + ": " + invalid.getMessage());
        }
        return uri;
    }

    private static URI toUri(String name, Object value) {
        try {
            if (value instanceof URI uri) {
                return uri;
            }
            if (value instanceof URL url) {
                return url.toURI();
            }
            if (value instanceof String text && !text.isBlank()) {
                return Urls.parse(text.trim());
            }
        } catch (URISyntaxException | IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(name + " = '" + value + "' is not a valid URL");
        }
        String found = value == null ? " is null" : value instanceof String ? " is blank"
                : " has type " + value.getClass().getSimpleName();
        throw new ExtensionConfigurationException(name + found
                + "; it must hold a String, URI or URL such as http://127.0.0.1:8080 when the burst starts");
    }
}
