package dev.salvo.internal.gate;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * Tells whether the current thread is doing a burst's work: serving one of its HTTP requests.
 *
 * <p>Two ways, the first that can answer wins:
 *
 * <ol>
 *   <li><b>The request's client port.</b> Where the server says which request the thread serves
 *       (Spring MVC keeps it in {@code RequestContextHolder}, on every servlet container), the
 *       thread is the burst's exactly when that request came from one of the burst's own
 *       connections: its client port is one the burst opened.
 *   <li><b>A server on the stack.</b> Otherwise, the thread is the burst's when an HTTP server's
 *       request handling is on its stack (the JDK's {@code HttpServer}, Jetty, Tomcat, Undertow,
 *       any servlet container and the frameworks in {@link #SERVERS}) while the burst's gate is
 *       armed. Other threads (a test's own, a scheduler's, a connection pool's) never are.
 * </ol>
 *
 * Not API.
 */
final class BurstThreads {

    /** Class name prefixes of HTTP servers' request handling. */
    static final List<String> SERVERS = List.of(
            "sun.net.httpserver.", "com.sun.net.httpserver.",
            "org.eclipse.jetty.server.", "org.eclipse.jetty.ee", "org.eclipse.jetty.servlet.",
            "org.apache.catalina.", "org.apache.coyote.",
            "io.undertow.server.", "io.undertow.servlet.",
            "jakarta.servlet.", "javax.servlet.",
            "org.glassfish.grizzly.http.server.", "io.helidon.webserver.",
            "io.vertx.core.http.", "io.vertx.ext.web.", "io.quarkus.vertx.http.", "org.jboss.resteasy.",
            "io.micronaut.http.server.", "io.javalin.", "io.ktor.server.", "org.http4k.server.",
            "com.linecorp.armeria.server.", "org.apache.hc.core5.http.impl.bootstrap.", "io.muserver.",
            "org.springframework.web.servlet.", "org.springframework.web.reactive.", "org.glassfish.jersey.server.");

    private static final StackWalker STACK = StackWalker.getInstance();

    private BurstThreads() {}

    /**
     * @return the client port of the HTTP request the current thread serves, when its server
     *     says; empty when it does not, or the thread serves none
     */
    static OptionalInt servedClientPort() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        OptionalInt port = SpringRequests.of(loader).clientPort();
        if (port.isEmpty() && loader != BurstThreads.class.getClassLoader()) {
            port = SpringRequests.of(BurstThreads.class.getClassLoader()).clientPort();
        }
        return port;
    }

    /** @return whether an HTTP server's request handling is on the current thread's stack */
    static boolean servingHttp() {
        return STACK.walk(frames -> frames.anyMatch(frame -> isServer(frame.getClassName())));
    }

    static boolean isServer(String className) {
        for (String prefix : SERVERS) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spring's {@code RequestContextHolder}, read by reflection so that Salvo needs no Spring: the
     * request the current thread serves, and its client port.
     */
    private static final class SpringRequests {

        private static final SpringRequests NONE = new SpringRequests(null, null, null, null);
        private static final Map<ClassLoader, SpringRequests> BY_LOADER = new WeakHashMap<>();

        private final Method currentAttributes;
        private final Class<?> servletAttributes;
        private final Method request;
        private final Method[] remotePorts;

        private SpringRequests(Method currentAttributes, Class<?> servletAttributes, Method request, Method[] remotePorts) {
            this.currentAttributes = currentAttributes;
            this.servletAttributes = servletAttributes;
            this.request = request;
            this.remotePorts = remotePorts;
        }

        static SpringRequests of(ClassLoader loader) {
            if (loader == null) {
                return NONE;
            }
            synchronized (BY_LOADER) {
                return BY_LOADER.computeIfAbsent(loader, SpringRequests::find);
            }
        }

        private static SpringRequests find(ClassLoader loader) {
            try {
                Class<?> holder = Class.forName("org.springframework.web.context.request.RequestContextHolder", false, loader);
                Class<?> attributes = Class.forName("org.springframework.web.context.request.ServletRequestAttributes",
                        false, loader);
                Method[] ports = Stream.of("jakarta.servlet.ServletRequest", "javax.servlet.ServletRequest")
                        .map(name -> {
                            try {
                                return Class.forName(name, false, loader).getMethod("getRemotePort");
                            } catch (ReflectiveOperationException | LinkageError absent) {
                                return null;
                            }
                        })
                        .filter(Objects::nonNull)
                        .toArray(Method[]::new);
                return ports.length == 0 ? NONE
                        : new SpringRequests(holder.getMethod("getRequestAttributes"), attributes, attributes.getMethod("getRequest"), ports);
            } catch (ReflectiveOperationException | LinkageError absent) {
                return NONE;
            }
        }

        OptionalInt clientPort() {
            if (currentAttributes == null) {
                return OptionalInt.empty();
            }
            try {
                Object attributes = currentAttributes.invoke(null);
                if (!servletAttributes.isInstance(attributes)) {
                    return OptionalInt.empty();
                }
                Object served = request.invoke(attributes);
                for (Method remotePort : remotePorts) {
                    if (remotePort.getDeclaringClass().isInstance(served)) {
                        return OptionalInt.of((Integer) remotePort.invoke(served));
                    }
                }
                return OptionalInt.empty();
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                return OptionalInt.empty(); // a request that is gone, or a Spring we cannot read: say nothing
            }
        }
    }
}
