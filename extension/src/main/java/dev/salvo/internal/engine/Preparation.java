package dev.salvo.internal.engine;

import dev.salvo.PreparationException;
import dev.salvo.RequestSpec;
import dev.salvo.internal.client.NamedThreadFactory;
import dev.salvo.internal.client.Threads;
import dev.salvo.internal.text.Failures;
import dev.salvo.internal.text.Redaction;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The prepare step: calls the preparation function for every index on a bounded pool of named
 * threads. A pool thread only prepares and hands the result on; it never waits for other
 * indices, so any count works with any pool size. The first failure stops the step. Not API.
 */
public final class Preparation implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Receives each prepared request on the pool thread that prepared it. */
    interface Sink {
        void prepared(int index, RequestSpec spec, long preparedAt);
    }

    private final int count;
    private final Duration limit;
    private final IntFunction<RequestSpec> preparer;
    private final BurstClock clock;
    private final ExecutorService pool;
    private final NamedThreadFactory threads;
    private final AtomicReference<PreparationException> failure = new AtomicReference<>();
    private final CountDownLatch remaining;

    /**
     * @param count how many requests to prepare, indices 0 to {@code count - 1}
     * @param threads the pool's size
     * @param limit the bound on the whole step
     * @param preparer makes the request for each index; may block
     * @param clock stamps each preparation's end
     */
    /**
     * @param names header and query parameter names to mask beside each request's own
     * @param preparer makes the request for an index
     * @return a preparer whose requests mask those names as well; the same preparer when there are none
     */
    public static IntFunction<RequestSpec> masking(Redaction names, IntFunction<RequestSpec> preparer) {
        if (names.isEmpty()) {
            return preparer;
        }
        String[] headerNames = names.headerNames().toArray(String[]::new);
        String[] parameterNames = names.queryParameterNames().toArray(String[]::new);
        return index -> {
            RequestSpec spec = preparer.apply(index);
            if (spec != null && headerNames.length > 0) {
                spec = spec.withMaskedHeaders(headerNames);
            }
            if (spec != null && parameterNames.length > 0) {
                spec = spec.withMaskedQueryParameters(parameterNames);
            }
            return spec;
        };
    }

    Preparation(int count, int threads, Duration limit, IntFunction<RequestSpec> preparer, BurstClock clock) {
        this.count = count;
        this.limit = limit;
        this.preparer = preparer;
        this.clock = clock;
        this.remaining = new CountDownLatch(count);
        this.threads = new NamedThreadFactory("salvo-prepare-" + POOLS.incrementAndGet());
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), this.threads);
    }

    /**
     * Prepares every index, handing each to the sink, and returns once all are prepared.
     *
     * @throws PreparationException naming the first index that failed, or the time limit
     * @throws InterruptedException if the calling thread is interrupted; preparation stops
     */
    void run(Sink sink) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            int index = i;
            pool.execute(() -> prepareOne(index, sink));
        }
        boolean finished = awaitAllOrFailure();
        PreparationException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        if (!finished) {
            throw new PreparationException(-1, "preparation of " + count + " requests did not finish within "
                    + limit.toMillis() + " ms (" + remaining.getCount() + " still pending)"
                    + " (set with the configuration parameter 'salvo.prepare-timeout-millis', or Burst.prepareTimeout)", null);
        }
    }

    private boolean awaitAllOrFailure() throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (failure.get() == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (remaining.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
        return false;
    }

    private void prepareOne(int index, Sink sink) {
        if (failure.get() != null) {
            return;
        }
        try {
            RequestSpec spec = preparer.apply(index);
            if (spec == null) {
                throw new IllegalStateException("the preparation returned null instead of a RequestSpec");
            }
            sink.prepared(index, spec, clock.now());
            remaining.countDown();
        } catch (Throwable e) {
            Throwable cause = Failures.unwrap(e);
            failure.compareAndSet(null, new PreparationException(index, "preparation of request " + index + " of "
                    + count + " failed: " + Failures.describe(cause), cause));
        }
    }

    /** Stops the pool: interrupts preparations still running and waits a bounded time for them. */
    @Override
    public void close() {
        pool.shutdownNow();
        Threads.awaitTermination(pool, "preparation pool");
        try {
            threads.join(Threads.SHUTDOWN_MILLIS); // the pool's own threads may still be on their way out
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
