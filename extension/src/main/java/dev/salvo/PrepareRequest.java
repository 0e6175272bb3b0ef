package dev.salvo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the method that prepares each request of a {@link ConcurrentRequests} burst.
 *
 * <p>The method takes the request's index ({@code int}, from 0 to {@code count - 1}) and
 * returns a {@link RequestSpec}. It runs on Salvo's preparation pool, one call per index, in
 * parallel, and may block: a database lookup, a login, reading a fixture. It may be an instance
 * method (called on the test instance, after {@code @BeforeEach}) or a static method.
 *
 * <pre>{@code
 * @PrepareRequest
 * RequestSpec redeem(int index) {
 *     String token = users.login("user-" + index);   // blocking is fine here
 *     return RequestSpec.post("/coupons/SPRING/redeem", "{}", "application/json")
 *             .withHeader("Authorization", "Bearer " + token);
 * }
 * }</pre>
 *
 * <p>When a class has several preparation methods, each {@code @ConcurrentRequests} names the
 * one it uses with {@link ConcurrentRequests#prepare()}. A {@code @ConcurrentRequests} with a
 * {@link ConcurrentRequests#url() url} in a class that has a {@code @PrepareRequest} method is
 * rejected, since the method would go unused: where some methods of a class use {@code url},
 * leave this annotation off and name the preparation method with {@code prepare} where it is
 * used. A method with another signature (a {@code long} index, say) is rejected naming the
 * types it has. If a preparation throws, the burst is aborted before any request is sent and
 * the test fails naming the index and the cause.
 *
 * <p>{@link RequestPreparer} is the same for {@link Burst}.
 *
 * @since 0.1.0
 */
@Target(METHOD)
@Retention(RUNTIME)
@Documented
public @interface PrepareRequest {}
