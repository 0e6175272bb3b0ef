package dev.salvo.internal.gate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Wrapper;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the gate's wrapped {@code DataSource}, connections and statements share: a proxy with
 * the wrapped object's interfaces, calls handed to that object unchanged, and JDBC's
 * {@link Wrapper} methods answered for the pair. Not API.
 */
abstract class Wrapped implements InvocationHandler {

    final Object target;

    Wrapped(Object target) {
        this.target = target;
    }

    /**
     * @param target the object to wrap
     * @param handler the handler of the new proxy, wrapping {@code target}
     * @param base the interface the proxy must have, e.g. {@code Connection}
     * @param everyInterface whether the proxy takes every public interface of the target (a
     *     {@code DataSource} that is also {@code Closeable}), or only those of {@code base}'s package
     * @return the proxy
     */
    static <T> T proxy(Object target, Wrapped handler, Class<T> base, boolean everyInterface) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(base);
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            collect(type, interfaces, base, everyInterface);
        }
        ClassLoader loader = target.getClass().getClassLoader();
        try {
            return base.cast(Proxy.newProxyInstance(loader != null ? loader : base.getClassLoader(),
                    interfaces.toArray(Class<?>[]::new), handler));
        } catch (IllegalArgumentException notVisible) {
            return base.cast(Proxy.newProxyInstance(base.getClassLoader(), new Class<?>[] {base}, handler));
        }
    }

    private static void collect(Class<?> type, Set<Class<?>> into, Class<?> base, boolean everyInterface) {
        for (Class<?> face : type.getInterfaces()) {
            boolean wanted = Modifier.isPublic(face.getModifiers())
                    && (everyInterface || face.getPackageName().equals(base.getPackageName()) && base.isAssignableFrom(face)
                            || face == AutoCloseable.class);
            if (wanted) {
                into.add(face);
            }
            collect(face, into, base, everyInterface);
        }
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
                    return proxy == args[0];
                }
                break;
            case "hashCode":
                if (method.getParameterCount() == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            case "unwrap":
                if (isWrapperMethod(method)) {
                    Class<?> wanted = (Class<?>) args[0];
                    return wanted.isInstance(proxy) ? proxy : ((Wrapper) target).unwrap(wanted);
                }
                break;
            case "isWrapperFor":
                if (isWrapperMethod(method)) {
                    Class<?> wanted = (Class<?>) args[0];
                    return wanted.isInstance(proxy) || ((Wrapper) target).isWrapperFor(wanted);
                }
                break;
            default:
                break;
        }
        return handle(proxy, method, args);
    }

    private boolean isWrapperMethod(Method method) {
        return method.getParameterCount() == 1 && method.getParameterTypes()[0] == Class.class && target instanceof Wrapper;
    }

    /** Handles every call but the identity and {@link Wrapper} methods. */
    abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

    /** @return what the wrapped object returns for the call; what it throws, unwrapped */
    final Object pass(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }

    @Override
    public String toString() {
        return String.valueOf(target);
    }
}
