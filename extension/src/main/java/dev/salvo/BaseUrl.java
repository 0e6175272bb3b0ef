package dev.salvo;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the field or no-argument method of the test class whose value is the base URL that
 * relative request URLs are resolved against.
 *
 * <p>The member may be static or not, and of type {@link String}, {@link java.net.URI} or
 * {@link java.net.URL}. It is read after {@code @BeforeEach} methods ran, just before each
 * burst, so it may hold the port of a server started on port 0:
 *
 * <pre>{@code
 * @BaseUrl
 * String baseUrl() {
 *     return "http://127.0.0.1:" + server.port();
 * }
 * }</pre>
 *
 * <p>Without such a member, the configuration parameter {@code salvo.base-url} applies. A
 * class (with its superclasses and, for {@code @Nested} tests, its enclosing classes) may have
 * at most one {@code @BaseUrl} member; the innermost class wins.
 *
 * @since 0.1.0
 */
@Target({FIELD, METHOD})
@Retention(RUNTIME)
@Documented
public @interface BaseUrl {}
