package dev.salvo;

import dev.salvo.internal.BurstEngine;
import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.Redaction;
import dev.salvo.internal.SalvoClient;
import dev.salvo.internal.TlsTrust;
import dev.salvo.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;

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
 * with all its threads and connections, before returning. Arguments are checked when given:
 * a wrong one throws {@link IllegalArgumentException} naming the attribute, the value and the
 * allowed range.
 *
 * @since 0.1.0
 */
public final class Burst {

    private final BurstPlan plan;
    private final IntFunction<RequestSpec> preparer;
    private final TlsTrust trust;
    private final Redaction masked;

    private Burst(BurstPlan plan, IntFunction<RequestSpec> preparer, TlsTrust trust, Redaction masked) {
        this.plan = plan;
        this.preparer = preparer;
        this.trust = trust;
        this.masked = masked;
    }

    private Burst(BurstPlan plan, IntFunction<RequestSpec> preparer) {
        this(plan, preparer, TlsTrust.VERIFY, Redaction.NONE);
    }

    private Burst with(BurstPlan newPlan) {
        return new Burst(newPlan, preparer, trust, masked);
    }

    /**
     * A burst of {@code count} requests, with a barrier, no in-flight cap and a 10 s timeout.
     *
     * @param count requests per burst, from 1 to 10 000
     * @return a new burst; call {@link #prepare(IntFunction)} before {@link #fire()}
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public static Burst of(int count) {
        return new Burst(checked(() -> BurstPlan.defaults(count)), null);
    }

    /**
     * Sets how each request is made. The function is called once per index, in parallel on
     * Salvo's preparation pool, and may block.
     *
     * @param preparer makes the request for an index, from 0 to {@code count - 1}
     * @return a new burst
     */
    public Burst prepare(IntFunction<RequestSpec> preparer) {
        return new Burst(plan, Objects.requireNonNull(preparer, "preparer"), trust, masked);
    }

    /**
     * @param barrier {@code true} (the default) to release all requests together once all are
     *     prepared; {@code false} to send each as soon as it is prepared
     * @return a new burst
     * @throws IllegalArgumentException if {@code false} with {@link Release#LAST_BYTE}, which
     *     needs a barrier
     */
    public Burst barrier(boolean barrier) {
        return with(checked(() -> plan.withBarrier(barrier)));
    }

    /**
     * @param maxInFlight the most requests in flight at once, from 0 (no cap, the default) to 10 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxInFlight(int maxInFlight) {
        return with(checked(() -> plan.withMaxInFlight(maxInFlight)));
    }

    /**
     * @param timeout per request, from release to complete response; at least 1 ms (default 10 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive
     */
    public Burst timeout(Duration timeout) {
        return with(checked(() -> plan.withTimeout(timeout)));
    }

    /**
     * @param threads preparation threads, from 0 (automatic: {@code min(count, 32)}) to 1 000
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst prepareThreads(int threads) {
        return with(checked(() -> plan.withPrepareThreads(threads)));
    }

    /**
     * @param timeout bound on the whole preparation step (default 60 s)
     * @return a new burst
     * @throws IllegalArgumentException if not positive
     */
    public Burst prepareTimeout(Duration timeout) {
        return with(checked(() -> plan.withPrepareTimeout(timeout)));
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(String baseUrl) {
        return with(checked(() -> plan.withBaseUrl(Urls.parse(Objects.requireNonNull(baseUrl, "baseUrl")))));
    }

    /**
     * @param baseUrl absolute http(s) URL that relative request URIs are resolved against
     * @return a new burst
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Burst baseUrl(URI baseUrl) {
        return with(checked(() -> plan.withBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"))));
    }

    /**
     * @param release how the requests leave the client at the release (default {@link Release#AUTO})
     * @return a new burst
     * @throws IllegalArgumentException if the mode cannot be combined with the cap or barrier already set
     */
    public Burst release(Release release) {
        return with(checked(() -> plan.withRelease(Objects.requireNonNull(release, "release"))));
    }

    /**
     * @param protocol the HTTP version to speak (default {@link Protocol#HTTP_1_1})
     * @return a new burst
     */
    public Burst protocol(Protocol protocol) {
        return with(checked(() -> plan.withProtocol(Objects.requireNonNull(protocol, "protocol"))));
    }

    /**
     * @param bytes the largest response body kept, from 0 to about 2 GiB (default 16 MiB); a
     *     larger body fails that request instead of filling the heap
     * @return a new burst
     * @throws IllegalArgumentException if out of range
     */
    public Burst maxBodyBytes(long bytes) {
        return with(checked(() -> plan.withMaxBodyBytes(bytes)));
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
     * Prepares every request, releases them, and waits for every response or failure.
     *
     * @return one result per request, in index order
     * @throws IllegalStateException if no preparer was set
     * @throws PreparationException if a preparation failed; with a barrier, nothing was sent
     * @throws CancellationException if the calling thread was interrupted; the interrupt flag is set again
     */
    public Responses fire() {
        if (preparer == null) {
            throw new IllegalStateException("call prepare(...) before fire(): Salvo needs to know what to send");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the calling thread is interrupted; nothing was sent");
        }
        try (SalvoClient client = SalvoClient.start(trust)) {
            return BurstEngine.run(plan, masked.appliedTo(preparer), client);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("burst interrupted; in-flight requests were aborted");
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }

    private static BurstPlan checked(java.util.function.Supplier<BurstPlan> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("Burst: " + invalid.getMessage(), invalid);
        }
    }

    @Override
    public String toString() {
        return "Burst" + plan;
    }
}
