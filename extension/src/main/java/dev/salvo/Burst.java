package dev.salvo;

import dev.salvo.internal.client.SalvoClient;
import dev.salvo.internal.client.TlsTrust;
import dev.salvo.internal.engine.BurstEngine;
import dev.salvo.internal.engine.Preparation;
import dev.salvo.internal.engine.WarmUp;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.text.Redaction;
import dev.salvo.internal.text.Urls;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The burst engine without the annotation, for any test framework or a main program.
 *
 * <pre>{@code
 * Responses responses = Burst.of(50)
 *         .baseUrl("http://127.0.0.1:" + port)
 *         .prepare(i -> RequestSpec.post("/coupons/SPRING/redeem", "{}", "application/json"))
 *         .timeout(Duration.ofSeconds(5))
 *         .fire();
 * }</pre>
 *
 * <p>Instances are immutable: every method returns a new {@code Burst}, so one configured
 * burst can be fired many times. Each {@link #fire()} starts its own HTTP client and closes it,
 * with all its threads and connections, before returning. Each argument is checked when given:
 * a wrong one throws {@link IllegalArgumentException} naming the attribute, the value and the
 * allowed range. Rules that combine attributes (a {@link Release#LAST_BYTE} release needs a
 * barrier and no in-flight cap; {@code holdWrites} needs no cap and a hold bound shorter than
 * the timeout) are checked by {@link #fire()}, so the order of the calls
 * never matters.
 *
 * @since 0.1.0
 */
public final class Burst {

    private final BurstPlan plan;
    private final RequestPreparer preparer;
    private final TlsTrust trust;
    private final Redaction masked;

    /**
     * @param plan every attribute, each checked alone; {@link #fire()} checks the rules that
     *     combine them, so the order of the calls never matters
     */
    private Burst(BurstPlan plan, RequestPreparer preparer, TlsTrust trust, Redaction masked) {
        this.plan = plan;
        this.preparer = preparer;
        this.trust = trust;
        this.masked = masked;
    }

    /** @return this burst with a changed plan, whose single new value is checked now */
    private Burst with(Supplier<BurstPlan> change) {
        return new Burst(checked(change), preparer, trust, masked);
    }

    /**
     * A burst of {@code count} requests, with a barrier, no in-flight cap and a 10 s timeout.
     *
     * @param count requests per burst, from 1 to 10 000
     * @return a new burst; call {@link #prepare(RequestPreparer)} before {@link #fire()}
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public static Burst of(int count) {
        return new Burst(checked(() -> BurstPlan.defaults(count)), null, TlsTrust.VERIFY, Redaction.NONE);
    }

    /**
     * Sets how each request is made. The function is called once per index, in parallel on
     * Salvo's preparation pool, and may block and throw: whatever it throws fails the burst
     * with a {@link PreparationException} naming the index (with a barrier, nothing is sent).
     * An {@code IntFunction<RequestSpec>} held in a variable is passed as {@code function::apply}.
     *
     * @param preparer makes the request for an index, from 0 to {@code count - 1}
     * @return a new burst
     */
    public Burst prepare(RequestPreparer preparer) {
        return new Burst(plan, Objects.requireNonNull(preparer, "preparer"), trust, masked);
    }

    /**
     * @param barrier {@code true} (the default) to release all requests together once all are
     *     prepared; {@code false} to send each as soon as it is prepared ({@link Release#LAST_BYTE}
     *     needs a barrier: {@link #fire()} says so)
     * @return a new burst
     */
    public Burst barrier(boolean barrier) {
        return with(() -> plan.withBarrier(barrier));
    }

    /**
     * @param maxInFlight the most requests in flight at once, from 0 (no cap, the default) to 10 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxInFlight(int maxInFlight) {
        return with(() -> plan.withMaxInFlight(maxInFlight));
    }

    /**
     * @param timeout per request, from release to complete response; from 1 ms to one day (default 10 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive, or longer than one day
     */
    public Burst timeout(Duration timeout) {
        return with(() -> plan.withTimeout(timeout));
    }

    /**
     * @param threads preparation threads, from 0 (automatic: {@code min(count, 32)}) to 1 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst prepareThreads(int threads) {
        return with(() -> plan.withPrepareThreads(threads));
    }

    /**
     * @param timeout bound on the whole preparation step, from 1 ms to one day (default 60 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive, or longer than one day
     */
    public Burst prepareTimeout(Duration timeout) {
        return with(() -> plan.withPrepareTimeout(timeout));
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(String baseUrl) {
        URI parsed = checked(() -> Urls.parse(Objects.requireNonNull(baseUrl, "baseUrl")));
        return baseUrl(parsed);
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(URI baseUrl) {
        return with(() -> plan.withBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /**
     * @param release how the requests leave the client at the release (default {@link Release#AUTO});
     *     {@link Release#LAST_BYTE} needs a barrier and no in-flight cap below {@code count}, which
     *     {@link #fire()} checks
     * @return a new burst
     */
    public Burst release(Release release) {
        return with(() -> plan.withRelease(Objects.requireNonNull(release, "release")));
    }

    /**
     * @param protocol the HTTP version to speak (default {@link Protocol#HTTP_1_1})
     * @return a new burst
     */
    public Burst protocol(Protocol protocol) {
        return with(() -> plan.withProtocol(Objects.requireNonNull(protocol, "protocol")));
    }

    /**
     * Holds each request at its first database write until every request of the burst has
     * reached its first write, ended its database work, or been answered (see
     * {@link dev.salvo.jdbc.WriteGate}); the outcome is in {@link Responses#gateHold()}. Cannot
     * be combined with a {@link #maxInFlight(int)} cap below the count, which {@link #fire()}
     * checks.
     *
     * @param holdWrites {@code true} to arm every wrapped {@code DataSource} of the JVM for this
     *     burst; {@code false} (the default) to leave them as they are
     * @return a new burst
     */
    public Burst holdWrites(boolean holdWrites) {
        return with(() -> plan.withHoldWrites(holdWrites));
    }

    /**
     * @param bound the longest the write gate holds this burst's writes, from the first write
     *     held; from 1 ms to one minute (default 250 ms), shorter than the request timeout, which
     *     {@link #fire()} checks
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst holdBound(Duration bound) {
        return with(() -> plan.withHoldBound(Objects.requireNonNull(bound, "holdBound")));
    }

    /**
     * @param bytes the largest response body kept, from 0 to about 2 GiB (default 16 MiB); a
     *     larger body fails that request instead of filling the heap
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxBodyBytes(long bytes) {
        return with(() -> plan.withMaxBodyBytes(bytes));
    }

    /**
     * Accepts every server certificate and host name over {@code https}: for local test servers
     * with self-signed certificates only. By default certificates are verified with the JVM's
     * trust store.
     *
     * @return a new burst
     */
    public Burst trustAllCertificates() {
        return new Burst(plan, preparer, TlsTrust.all(), masked);
    }

    /**
     * Verifies server certificates with this trust store instead of the JVM's; host names are
     * still checked.
     *
     * @param trustStore a PKCS12 or JKS file
     * @param password its password, or {@code null}
     * @return a new burst
     * @throws IllegalArgumentException if the file cannot be read
     */
    public Burst trustStore(java.nio.file.Path trustStore, String password) {
        try {
            return new Burst(plan, preparer, TlsTrust.store(Objects.requireNonNull(trustStore, "trustStore"), password), masked);
        } catch (IllegalArgumentException unreadable) {
            throw new IllegalArgumentException("Burst: " + unreadable.getMessage(), unreadable);
        }
    }

    /**
     * Masks the values of these headers and query parameters, beside the built-in ones, wherever
     * Salvo prints this burst's requests and responses (see {@link RequestSpec}); each request
     * carries the names ({@link RequestSpec#maskedHeaders()}), so bursts running in parallel
     * never see each other's. Masking changes only what is printed, never what is sent.
     *
     * @param headers header names to mask, in any letter case
     * @param queryParameters query parameter names to mask, in any letter case
     * @return a new burst
     * @throws IllegalArgumentException if a name is blank or cannot be a header or parameter name
     */
    public Burst mask(java.util.Collection<String> headers, java.util.Collection<String> queryParameters) {
        try {
            return new Burst(plan, preparer, trust, masked.plus(headers, queryParameters));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("Burst: " + invalid.getMessage(), invalid);
        }
    }

    /**
     * Checks the attributes together, prepares every request, releases them, and waits for
     * every response or failure.
     *
     * @return one result per request, in index order
     * @throws IllegalArgumentException if two attributes cannot be combined (for example
     *     {@link Release#LAST_BYTE} without a barrier); nothing was prepared or sent
     * @throws IllegalStateException if no preparer was set
     * @throws PreparationException if a preparation failed; with a barrier, nothing was sent
     * @throws CancellationException if the calling thread was interrupted; the interrupt flag is set again
     */
    public Responses fire() {
        if (preparer == null) {
            throw new IllegalStateException("call prepare(...) before fire(): Salvo needs to know what to send");
        }
        BurstPlan checkedPlan = checked(plan::checkCombined);
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the calling thread is interrupted; nothing was sent");
        }
        WarmUp.once();
        try (SalvoClient client = SalvoClient.start(trust)) {
            return BurstEngine.run(checkedPlan, Preparation.masking(masked, unchecked(preparer)), client);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("burst interrupted; in-flight requests were aborted");
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }

    /**
     * The engine's view of the preparer: a checked exception travels wrapped, and the
     * preparation step reports the exception itself as the cause.
     */
    private static IntFunction<RequestSpec> unchecked(RequestPreparer preparer) {
        return index -> {
            try {
                return preparer.prepare(index);
            } catch (RuntimeException unchecked) {
                throw unchecked;
            } catch (Exception checked) {
                if (checked instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new UndeclaredThrowableException(checked);
            }
        };
    }

    private static <T> T checked(Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("Burst: " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public String toString() {
        return "Burst[count=" + plan.count() + ", barrier=" + plan.barrier() + ", prepareThreads=" + plan.prepareThreads()
                + ", maxInFlight=" + plan.maxInFlight() + ", timeout=" + plan.timeout() + ", prepareTimeout="
                + plan.prepareTimeout() + ", baseUrl=" + plan.baseUrl() + ", maxBodyBytes=" + plan.maxBodyBytes()
                + ", release=" + plan.release() + ", protocol=" + plan.protocol() + ", holdWrites=" + plan.holdWrites()
                + ", holdBound=" + plan.holdBound() + "]";
    }
}
