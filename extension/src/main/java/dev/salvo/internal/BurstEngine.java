package dev.salvo.internal;

import dev.salvo.PreparationException;
import dev.salvo.Protocol;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one burst: prepare, stage, open connections, send ahead, release, collect. Every burst
 * ends with exactly {@code count} results, or with a {@link PreparationException} before anything
 * was sent (with a barrier), and never waits without a bound. Not API.
 */
public final class BurstEngine {

    private final BurstPlan plan;
    private final IntFunction<RequestSpec> preparer;
    private final SalvoClient client;
    private final BurstClock clock = new BurstClock();
    private final Exchange[] exchanges;
    private final CountDownLatch done;
    private final Deadlines deadlines;
    private final Lanes lanes;
    private final Dispatcher dispatcher;
    private final boolean http2;

    private BurstEngine(BurstPlan plan, IntFunction<RequestSpec> preparer, SalvoClient client) {
        this.plan = plan;
        this.preparer = preparer;
        this.client = client;
        this.exchanges = new Exchange[plan.count()];
        this.done = new CountDownLatch(plan.count());
        this.deadlines = new Deadlines(plan, client.http().getScheduler(), clock);
        this.lanes = new Lanes(client.http(), deadlines.stagingMillis());
        this.dispatcher = new Dispatcher(plan.effectiveInFlight(), this::dispatch, this::openAhead);
        this.http2 = plan.protocol() == Protocol.HTTP_2;
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
        try {
            try (Preparation preparation = new Preparation(plan, preparer, clock)) {
                if (plan.barrier()) {
                    preparation.run((index, spec, at) -> exchanges[index] = staged(staging, index, spec, at));
                    openConnections();
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
        } finally {
            lanes.close();
        }
    }

    private Exchange staged(Staging staging, int index, RequestSpec spec, long preparedAt) {
        Exchange exchange = new Exchange(index, spec, preparedAt, clock, plan.maxBodyBytes(), this::onDone);
        staging.stage(exchange);
        return exchange;
    }

    /**
     * Opens, before the release, the connections the release writes into: over HTTP/1.1 one for
     * each request that goes out at the release (every request, or the first {@code maxInFlight});
     * over HTTP/2 as many as the server's stream limit requires.
     */
    private void openConnections() throws InterruptedException {
        List<Exchange> all = Arrays.asList(exchanges);
        if (http2) {
            lanes.openMultiplexed(all);
        } else {
            lanes.openOneEach(all.subList(0, plan.effectiveInFlight()));
        }
        for (Exchange exchange : exchanges) {
            if (exchange.send() == Exchange.Send.HOLD_LAST_BYTE && exchange.endPoint() == null) {
                exchange.sendWholeInstead(); // not a plain TCP connection: nothing below Jetty to hold with
            }
        }
    }

    /**
     * For exchanges that withhold their end: sends everything else now, and waits (bounded) until
     * it was written, so that the release has only the ends left to write.
     */
    private void sendAhead() throws InterruptedException {
        List<CompletableFuture<Void>> ahead = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (exchange.send() != Exchange.Send.WHOLE && !exchange.isDone()) {
                ahead.add(exchange.sendAhead());
            }
        }
        if (ahead.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(ahead.toArray(CompletableFuture[]::new)).get(deadlines.stagingMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notAll) {
            // A request that could not be sent ahead fails on its own, as data; the rest go on.
        }
    }

    /**
     * The release step, from this thread, in index order, in tight loops: the held final bytes
     * (HTTP/1.1), each connection's withheld stream ends in one write (HTTP/2), then every
     * request sent whole. Only then are Jetty's pending writes completed and the timers armed.
     */
    private void release() throws InterruptedException {
        List<Exchange> released = new ArrayList<>(exchanges.length);
        Map<WireEndPoint, List<Exchange>> corked = new LinkedHashMap<>();
        for (Exchange exchange : exchanges) {
            if (!exchange.isDone() && exchange.send() == Exchange.Send.HOLD_END && http2 && exchange.endPoint() != null) {
                corked.computeIfAbsent(exchange.endPoint(), e -> new ArrayList<>()).add(exchange);
            }
        }
        for (Exchange exchange : exchanges) {
            if (!exchange.isDone() && exchange.send() == Exchange.Send.HOLD_LAST_BYTE && answered(exchange)) {
                exchange.answeredBeforeRelease();
            }
        }
        corked.keySet().forEach(WireEndPoint::cork);
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            if (exchange.isDone() || exchange.send() == Exchange.Send.WHOLE) {
                continue;
            }
            released.add(exchange);
            if (exchange.send() == Exchange.Send.HOLD_LAST_BYTE) {
                exchange.releasing();
                if (writeHeld(exchange)) {
                    exchange.wroteEnd();
                }
            } else {
                if (!corked.containsKey(exchange.endPoint())) {
                    exchange.releasing(); // HTTPS over HTTP/1.1: Jetty writes the end as it comes
                }
                CompletableFuture<Void> taken = exchange.withheld().release();
                if (exchange.onlyEndLeft()) {
                    queued.add(taken); // a stream still stuck ahead of its end is not waited for
                }
            }
        }
        if (!corked.isEmpty()) {
            uncork(corked, queued);
        }
        for (Exchange exchange : exchanges) {
            if (!exchange.isDone() && exchange.send() == Exchange.Send.WHOLE && exchange.released() < 0) {
                if (plan.effectiveInFlight() < plan.count()) {
                    dispatcher.submit(exchange);
                } else {
                    exchange.sendWhole();
                    released.add(exchange);
                }
            }
        }
        for (Exchange exchange : released) {
            if (exchange.send() == Exchange.Send.HOLD_LAST_BYTE) {
                exchange.endPoint().completeHeld();
            }
        }
        released.forEach(deadlines::arm);
    }

    private static boolean answered(Exchange exchange) {
        try {
            return exchange.endPoint().answered();
        } catch (IOException failed) {
            return true; // the connection broke: whatever the server did, it did before the release
        }
    }

    private static boolean writeHeld(Exchange exchange) {
        try {
            return exchange.endPoint().writeHeld();
        } catch (IOException failed) {
            exchange.fail(failed);
            return false;
        }
    }

    /**
     * Waits (bounded) until every withheld end was flushed into its connection's cork, then
     * writes each connection's ends in one write.
     */
    private void uncork(Map<WireEndPoint, List<Exchange>> corked, List<CompletableFuture<Void>> queued)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(deadlines.stagingMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notAll) {
            // what was not queued by now follows in writes of its own
        }
        corked.forEach((endPoint, onIt) -> {
            try {
                onIt.forEach(Exchange::releasing); // the ends reach the wire now, not when they were queued
                endPoint.uncork();
                onIt.forEach(Exchange::wroteEnd);
            } catch (IOException failed) {
                onIt.forEach(exchange -> exchange.fail(failed));
            }
        });
    }

    /** Sends one exchange for the dispatcher (a cap, or no barrier), on a connection of its own over HTTP/1.1. */
    private void dispatch(Exchange exchange) {
        if (exchange.isDone()) {
            return;
        }
        if (http2 || exchange.connection() != null) {
            exchange.sendWhole();
            deadlines.arm(exchange);
            return;
        }
        exchange.opening(() -> lanes.open(exchange)).whenComplete((connection, error) -> {
            if (error != null) {
                exchange.fail(error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
            } else {
                exchange.useConnection(connection, Lanes.wire(connection));
                exchange.sendWhole();
                deadlines.arm(exchange);
            }
        });
    }

    /** Over HTTP/1.1, opens the connection of an exchange waiting for room, so that it is open when room frees. */
    private void openAhead(Exchange exchange) {
        if (!http2 && exchange.connection() == null && !exchange.isDone()) {
            exchange.opening(() -> lanes.open(exchange));
        }
    }

    private void onDone(Exchange exchange) {
        dispatcher.ended(exchange);
        if (!http2 && exchange.connection() != null) {
            WireEndPoint endPoint = exchange.endPoint();
            if (endPoint != null && exchange.hasCompleteAnswer()) {
                endPoint.closeUsed(); // used once, never again
            } else {
                exchange.connection().close();
            }
        }
        done.countDown();
    }

    /** The collect step: waits for every result, ending stragglers the client failed to end. */
    private Responses collect() throws InterruptedException {
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                deadlines.endStragglers(exchanges);
            }
        } catch (InterruptedException interrupted) {
            abortAll(interrupted);
            throw interrupted;
        }
        List<RequestResult> results = new ArrayList<>(exchanges.length);
        int connections = 0;
        int releaseWrites = 0;
        java.util.Set<WireEndPoint> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Exchange exchange : exchanges) {
            results.add(exchange.result());
            WireEndPoint endPoint = exchange.endPoint();
            if (endPoint != null && seen.add(endPoint)) {
                connections++;
                releaseWrites += endPoint.releaseWrites();
            }
        }
        return Responses.of(results, clock.startedAt()).withWire(connections, releaseWrites);
    }

    /** Fails everything not yet done; requests in flight are aborted, which closes their connections. */
    private void abortAll(Throwable why) {
        Throwable reason = why instanceof InterruptedException
                ? new CancellationException("burst interrupted before this request completed")
                : new CancellationException("burst aborted before this request completed: " + Failures.describe(why));
        dispatcher.cancel(reason);
        for (Exchange exchange : exchanges) {
            if (exchange != null) {
                exchange.fail(reason);
            }
        }
    }
}
