package dev.salvo;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.salvo.internal.junit.RoundsLock;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test method after firing a burst of HTTP requests that are prepared in
 * parallel, held at a barrier until every one is ready, and released together.
 *
 * <p>The outcome of the burst is injected into a {@link Responses} parameter of the method:
 *
 * <pre>{@code
 * @ConcurrentRequests(count = 20, method = "POST", url = "/coupons/SPRING/redeem")
 * void onlyOneRedemptionWins(Responses responses) {
 *     assertThat(responses).hasSize(20).exactlyOneHasStatus(200);
 * }
 * }</pre>
 *
 * <p>The burst runs after the test's {@code @BeforeEach} methods and before the test body, so
 * preparation can use whatever {@code @BeforeEach} set up. Each request comes either from
 * {@link #url()} (with {@link #method()}) or from a {@link PrepareRequest} method that returns a
 * {@link RequestSpec} for an index; relative URLs are resolved against a {@link BaseUrl} member
 * or the configuration parameter {@code salvo.base-url}.
 *
 * <p>Every attribute is validated before anything is sent; a wrong value fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the
 * attribute, the value and the allowed range. The annotation may be used as a meta-annotation
 * to compose annotations of your own. It makes the method a test of its own: a method that also
 * carries {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest} or
 * {@code @TestFactory} fails with a message naming the annotation to remove.
 *
 * <p>The rounds of one method run one after another, even under JUnit's parallel execution:
 * the annotation gives each method a resource lock of its own, and JUnit runs the rounds of a
 * locked method on one thread, so a round's burst never overlaps the next round's. Other test
 * methods, including other {@code @ConcurrentRequests} methods, still run in parallel as
 * configured.
 *
 * @since 0.1.0
 */
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@TestTemplate
@ExtendWith(ConcurrentRequestsExtension.class)
@ResourceLock(providers = RoundsLock.class)
public @interface ConcurrentRequests {

    /**
     * Requests per burst, from 1 to 10 000.
     *
     * @return the number of requests in each burst
     */
    int count() default 10;

    /**
     * Whether to hold every request until all are prepared and then release them together
     * ({@code true}), or to send each request as soon as its own preparation finishes
     * ({@code false}).
     *
     * @return whether the burst waits at a barrier
     */
    boolean barrier() default true;

    /**
     * The HTTP method used with {@link #url()}; ignored for requests that come from a
     * {@link PrepareRequest} method, which choose their own.
     *
     * @return an HTTP method token such as {@code GET} or {@code POST}
     */
    String method() default "GET";

    /**
     * The URL every request goes to, absolute ({@code http://127.0.0.1:8080/x}) or relative
     * ({@code /x}) to the {@link BaseUrl} member or the {@code salvo.base-url} configuration
     * parameter. The text {@code {index}} is replaced by the request's index (0-based).
     * Leave empty to use a {@link PrepareRequest} method instead.
     *
     * @return the request URL template, or {@code ""}
     */
    String url() default "";

    /**
     * The name of the preparation method: a method of the test class that takes the request
     * index ({@code int}) and returns a {@link RequestSpec}. {@code ""} means the class's single
     * {@link PrepareRequest} method. Must not be combined with {@link #url()}.
     *
     * @return the preparation method's name, or {@code ""}
     */
    String prepare() default "";

    /**
     * Threads that run the preparation method in parallel. {@code 0} means automatic:
     * {@code min(count, 32)}, or the configuration parameter {@code salvo.prepare-threads}.
     * Preparation may block (a database lookup, a login); more threads finish it sooner.
     *
     * @return the size of the preparation pool, from 0 to 1 000
     */
    int prepareThreads() default 0;

    /**
     * The most requests in flight at once. {@code 0} means no cap: every request is released
     * at the same instant. A positive value sends the first {@code maxInFlight} requests
     * together and each further request as an earlier one completes.
     *
     * @return the cap on requests in flight, or {@code 0} for none
     */
    int maxInFlight() default 0;

    /**
     * Per-request timeout in milliseconds, from the request's release to its complete
     * response. A request that takes longer is aborted and its result records a
     * {@link java.util.concurrent.TimeoutException}. {@code 0}, the default, means not set: the
     * configuration parameter {@code salvo.timeout-millis} if it is set, else 10 000. Any value
     * written here wins over the parameter, 10 000 included.
     *
     * @return the per-request timeout from 1 to 86 400 000 (one day), or {@code 0} for not set
     */
    long timeoutMillis() default 0;

    /**
     * How the requests leave the client at the release; see {@link Release}. The default picks
     * the tightest mode the requests and protocol support.
     *
     * @return the release mode
     */
    Release release() default Release.AUTO;

    /**
     * The HTTP version to speak; {@link Protocol#HTTP_2} needs a server that supports it.
     *
     * @return the protocol
     */
    Protocol protocol() default Protocol.HTTP_1_1;

    /**
     * Whether the write gate holds each request of the burst at its first database write until
     * every request has reached its first write, ended its database work, or been answered, so
     * that every request reads before any writes: the schedule that breaks check-then-act and
     * read-modify-write code, forced in every round. Needs the service in the test's JVM, with
     * its {@code DataSource} wrapped by {@link dev.salvo.jdbc.WriteGate#wrap}; what the gate did
     * is in {@link Responses#gateHold()}. Cannot be combined with a {@link #maxInFlight()} below
     * {@link #count()}.
     *
     * @return whether the burst's first writes are held
     */
    boolean holdWrites() default false;

    /**
     * The longest the write gate holds a burst's writes, in milliseconds, from the first write
     * held. {@code 0}, the default, means not set: the configuration parameter
     * {@code salvo.hold-bound-millis} if it is set, else 250. It must be shorter than the
     * request timeout. Used only with {@link #holdWrites()}.
     *
     * @return the hold bound from 1 to 60 000, or {@code 0} for not set
     */
    long holdBoundMillis() default 0;

    /**
     * Runs the whole burst this many times, one test invocation per round, each named like
     * "round 2 of 5", one round after another. A race that shows only now and then is caught
     * more reliably over several rounds.
     *
     * @return the number of rounds, from 1 to 10 000
     */
    int rounds() default 1;
}
