package dev.salvo.internal;

import dev.salvo.PreparationException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Runs one burst: prepare, stage, release, collect. Every burst ends with exactly
 * {@code count} results, or with a {@link PreparationException} before anything was sent
 * (with a barrier), and never waits without a bound. Not API.
 */
public final class BurstEngine {

    /** How long past its own timeout a request may take before the watchdog ends it. */
    static final long WATCHDOG_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The longest the engine waits for connections to open, or for requests to be sent ahead. */
    static final long STAGING_LIMIT_MILLIS = 10_000;

    private final BurstPlan plan;
    private final IntFunction<RequestSpec> preparer;
    private final SalvoClient client;
    private final BurstClock clock = new BurstClock();
    private final Exchange[] exchanges;
    private final CountDownLatch done;
    private final Dispatcher dispatcher;

    private BurstEngine(BurstPlan plan, IntFunction<RequestSpec> preparer, SalvoClient client) {
        this.plan = plan;
        this.preparer = preparer;
        this.client = client;
        this.exchanges = new Exchange[plan.count()];
        this.done = new CountDownLatch(plan.count());
        this.dispatcher = new Dispatcher(plan.maxInFlight() > 0 ? plan.maxInFlight() : Integer.MAX_VALUE,
                client.http().getScheduler(), plan.timeout().toMillis());
    }

    /**
     * Runs a burst to its end.
     *
     * @param plan what to run
     * @param preparer makes the request for each index; may block
     * @param client the started client to send through
     * @return one result per index, in index order
     * @throws PreparationException if a preparation failed or ran out of time
     * @throws InterruptedException if the calling thread was interrupted; in-flight requests are aborted first
     */
    public static Responses run(BurstPlan plan, IntFunction<RequestSpec> preparer, SalvoClient client)
            throws InterruptedException {
        return new BurstEngine(plan, preparer, client).run();
    }

    private Responses run() throws InterruptedException {
        Staging staging = new Staging(client.http(), plan);
        try (Preparation preparation = new Preparation(plan, preparer, clock)) {
            if (plan.barrier()) {
                preparation.run((index, spec, at) -> exchanges[index] = staged(staging, index, spec, at));
                staging.preconnect(Arrays.asList(exchanges));
                sendAhead();
                release();
            } else {
                preparation.run((index, spec, at) -> {
                    Exchange exchange = staged(staging, index, spec, at);
                    exchanges[index] = exchange;
                    dispatcher.submit(exchange);
                });
            }
        } catch (InterruptedException | RuntimeException | Error stopped) {
            abortAll(stopped);
            throw stopped;
        }
        return collect();
    }

    private Exchange staged(Staging staging, int index, RequestSpec spec, long preparedAt) {
        Exchange exchange = new Exchange(index, spec, preparedAt, clock, plan.maxBodyBytes(), this::onDone);
        staging.stage(exchange);
        return exchange;
    }

    /**
     * For exchanges that withhold their end: sends everything else now, and waits (bounded) until
     * it was written, so that the release has only the ends left to write.
     */
    private void sendAhead() throws InterruptedException {
        List<CompletableFuture<Void>> ahead = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (exchange.withholdsEnd()) {
                ahead.add(exchange.sendAhead());
            }
        }
        if (ahead.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(ahead.toArray(CompletableFuture[]::new))
                    .get(Math.min(plan.timeout().toMillis(), STAGING_LIMIT_MILLIS), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException notAll) {
            // A request that could not be sent ahead fails on its own, as data; the rest go on.
        }
    }

    /**
     * The release step, from this thread in index order, in a tight loop: the withheld ends of
     * requests sent ahead, then every other request whole.
     */
    private void release() {
        dispatcher.releasing(true);
        try {
            for (Exchange exchange : exchanges) {
                if (exchange.withholdsEnd()) {
                    exchange.releaseEnd();
                }
            }
            for (Exchange exchange : exchanges) {
                if (!exchange.withholdsEnd()) {
                    dispatcher.submit(exchange);
                }
            }
        } finally {
            dispatcher.releasing(false);
        }
        Scheduler scheduler = client.http().getScheduler();
        for (Exchange exchange : exchanges) {
            if (exchange.needsTimeout()) {
                exchange.armTimeout(scheduler, plan.timeout().toMillis());
            }
        }
    }

    private void onDone(Exchange exchange) {
        if (exchange.wasDispatched()) {
            dispatcher.completed();
        }
        done.countDown();
    }

    /** The collect step: waits for every result, ending stragglers the client failed to end. */
    private Responses collect() throws InterruptedException {
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                endStragglers();
            }
        } catch (InterruptedException interrupted) {
            abortAll(interrupted);
            throw interrupted;
        }
        List<RequestResult> results = new ArrayList<>(exchanges.length);
        for (Exchange exchange : exchanges) {
            results.add(exchange.result());
        }
        return Responses.of(results, clock.startedAt());
    }

    private void endStragglers() {
        long limit = plan.timeout().toNanos() + WATCHDOG_GRACE_NANOS;
        long now = clock.now();
        for (Exchange exchange : exchanges) {
            long released = exchange.released();
            if (released >= 0 && !exchange.isDone() && now - released > limit) {
                exchange.fail(new TimeoutException("no complete response within " + plan.timeout().toMillis()
                        + " ms; the request was aborted"));
            }
        }
    }

    /** Fails everything not yet done; requests in flight are aborted, which closes their connections. */
    private void abortAll(Throwable why) {
        Throwable reason = why instanceof InterruptedException
                ? new CancellationException("burst interrupted before this request completed")
                : new CancellationException("burst aborted before this request completed: " + Failures.describe(why));
        dispatcher.cancel(reason);
        for (Exchange exchange : exchanges) {
            if (exchange != null && exchange.isHandedToClient()) {
                exchange.fail(reason);
            }
        }
    }
}
