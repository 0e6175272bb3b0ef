package dev.salvo;

import dev.salvo.internal.BurstEngine;
import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.Redaction;
import dev.salvo.internal.SalvoClient;
import dev.salvo.internal.WarmUp;
import dev.salvo.internal.TlsTrust;
import dev.salvo.internal.Urls;
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
 * barrier and no in-flight cap) are checked by {@link #fire()}, so the order of the calls
 * never matters.
 *
 * @since 0.1.0
 */
public final class Burst {

    private final int count;
    private final boolean barrier;
    private final int prepareThreads;
    private final int maxInFlight;
    private final Duration timeout;
    private final Duration prepareTimeout;
    private final URI baseUrl;
    private final long maxBodyBytes;
    private final Release release;
    private final Protocol protocol;
    private final RequestPreparer preparer;
    private final TlsTrust trust;
    private final Redaction masked;

    private Burst(int count, boolean barrier, int prepareThreads, int maxInFlight, Duration timeout,
            Duration prepareTimeout, URI baseUrl, long maxBodyBytes, Release release, Protocol protocol,
            RequestPreparer preparer, TlsTrust trust, Redaction masked) {
        this.count = count;
        this.barrier = barrier;
        this.prepareThreads = prepareThreads;
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.prepareTimeout = prepareTimeout;
        this.baseUrl = baseUrl;
        this.maxBodyBytes = maxBodyBytes;
        this.release = release;
        this.protocol = protocol;
        this.preparer = preparer;
        this.trust = trust;
        this.masked = masked;
    }

    private static Burst from(BurstPlan plan) {
        return new Burst(plan.count(), plan.barrier(), plan.prepareThreads(), plan.maxInFlight(), plan.timeout(),
                plan.prepareTimeout(), plan.baseUrl(), plan.maxBodyBytes(), plan.release(), plan.protocol(), null,
                TlsTrust.VERIFY, Redaction.NONE);
    }

    /**
     * This burst with other attributes, without the rules that combine them: {@link #fire()}
     * builds the plan that checks those. Each single value was checked when given.
     */
    private Burst with(boolean barrier, int prepareThreads, int maxInFlight, Duration timeout,
            Duration prepareTimeout, URI baseUrl, long maxBodyBytes, Release release, Protocol protocol) {
        return new Burst(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, preparer, trust, masked);
    }

    private Burst with(RequestPreparer preparer, TlsTrust trust) {
        return new Burst(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, preparer, trust, masked);
    }

    private Burst with(Redaction masking) {
        return new Burst(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, preparer, trust, masking);
    }

    /**
     * A burst of {@code count} requests, with a barrier, no in-flight cap and a 10 s timeout.
     *
     * @param count requests per burst, from 1 to 10 000
     * @return a new burst; call {@link #prepare(RequestPreparer)} before {@link #fire()}
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public static Burst of(int count) {
        return from(checked(() -> BurstPlan.defaults(count)));
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
        return with(Objects.requireNonNull(preparer, "preparer"), trust);
    }

    /**
     * @param barrier {@code true} (the default) to release all requests together once all are
     *     prepared; {@code false} to send each as soon as it is prepared ({@link Release#LAST_BYTE}
     *     needs a barrier: {@link #fire()} says so)
     * @return a new burst
     */
    public Burst barrier(boolean barrier) {
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param maxInFlight the most requests in flight at once, from 0 (no cap, the default) to 10 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxInFlight(int maxInFlight) {
        checked(() -> BurstPlan.defaults(count).withMaxInFlight(maxInFlight));
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param timeout per request, from release to complete response; at least 1 ms (default 10 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive
     */
    public Burst timeout(Duration timeout) {
        checked(() -> BurstPlan.defaults(count).withTimeout(timeout));
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param threads preparation threads, from 0 (automatic: {@code min(count, 32)}) to 1 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst prepareThreads(int threads) {
        checked(() -> BurstPlan.defaults(count).withPrepareThreads(threads));
        return with(barrier, threads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param timeout bound on the whole preparation step (default 60 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive
     */
    public Burst prepareTimeout(Duration timeout) {
        checked(() -> BurstPlan.defaults(count).withPrepareTimeout(timeout));
        return with(barrier, prepareThreads, maxInFlight, this.timeout, timeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(String baseUrl) {
        URI parsed = checkedValue(() -> Urls.parse(Objects.requireNonNull(baseUrl, "baseUrl")));
        return baseUrl(parsed);
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(URI baseUrl) {
        checked(() -> BurstPlan.defaults(count).withBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl")));
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
    }

    /**
     * @param release how the requests leave the client at the release (default {@link Release#AUTO});
     *     {@link Release#LAST_BYTE} needs a barrier and no in-flight cap below {@code count}, which
     *     {@link #fire()} checks
     * @return a new burst
     */
    public Burst release(Release release) {
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                Objects.requireNonNull(release, "release"), protocol);
    }

    /**
     * @param protocol the HTTP version to speak (default {@link Protocol#HTTP_1_1})
     * @return a new burst
     */
    public Burst protocol(Protocol protocol) {
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, Objects.requireNonNull(protocol, "protocol"));
    }

    /**
     * @param bytes the largest response body kept, from 0 to about 2 GiB (default 16 MiB); a
     *     larger body fails that request instead of filling the heap
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxBodyBytes(long bytes) {
        checked(() -> BurstPlan.defaults(count).withMaxBodyBytes(bytes));
        return with(barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, bytes,
                release, protocol);
    }

    /**
     * Accepts every server certificate and host name over {@code https}: for local test servers
     * with self-signed certificates only. By default certificates are verified with the JVM's
     * trust store.
     *
     * @return a new burst
     */
    public Burst trustAllCertificates() {
        return with(preparer, TlsTrust.all());
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
            return with(preparer, TlsTrust.store(Objects.requireNonNull(trustStore, "trustStore"), password));
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
            return with(masked.plus(headers, queryParameters));
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
        BurstPlan plan = checked(this::plan);
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the calling thread is interrupted; nothing was sent");
        }
        WarmUp.once();
        try (SalvoClient client = SalvoClient.start(trust)) {
            return BurstEngine.run(plan, masked.appliedTo(unchecked(preparer)), client);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("burst interrupted; in-flight requests were aborted");
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }

    /** The plan, with every rule that combines attributes checked. */
    private BurstPlan plan() {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol);
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

    private static BurstPlan checked(Supplier<BurstPlan> change) {
        return checkedValue(change);
    }

    private static <T> T checkedValue(Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("Burst: " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public String toString() {
        return "Burst[count=" + count + ", barrier=" + barrier + ", prepareThreads=" + prepareThreads
                + ", maxInFlight=" + maxInFlight + ", timeout=" + timeout + ", prepareTimeout=" + prepareTimeout
                + ", baseUrl=" + baseUrl + ", maxBodyBytes=" + maxBodyBytes + ", release=" + release
                + ", protocol=" + protocol + "]";
    }
}
