package dev.salvo.internal.engine;

import dev.salvo.PreparationException;
import dev.salvo.Protocol;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.internal.client.SalvoClient;
import dev.salvo.internal.gate.BurstGate;
import dev.salvo.internal.gate.Gates;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.text.Failures;
import dev.salvo.internal.wire.WireEndPoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.Connection;

/**
 * Runs one burst: prepare, stage, open connections, send ahead, release, collect. Every burst
 * ends with exactly {@code count} results, or with a {@link PreparationException} before anything
 * was sent (with a barrier), and never waits without a bound. The only reader of the plan's
 * {@code count} and in-flight cap. Not API.
 */
public final class BurstEngine {

    private final BurstPlan plan;
    private final IntFunction<RequestSpec> preparer;
    private final SalvoClient client;
    private final BurstClock clock = new BurstClock();
    private final Outgoing[] requests;
    private final int inFlight;
    private final CountDownLatch done;
    private final Deadlines deadlines;
    private final Lanes lanes;
    private final Dispatcher dispatcher;
    private final boolean http2;
    /** Whether later requests of this burst may ride connections earlier ones used (a cap, over HTTP/1.1). */
    private final boolean reuse;
    /** Whether the last connection offered back was open still; while it is, safe requests are not opened ahead. */
    private volatile boolean keeping = true;
    private Staging staging;
    /** The indexes of the requests the release wrote whole; empty for a burst without one release. */
    private List<Integer> releasedWhole = List.of();
    /** The write gate of this burst, with {@code holdWrites}; taken before the release, disarmed after the collect. */
    private volatile BurstGate gate;

    private BurstEngine(BurstPlan plan, IntFunction<RequestSpec> preparer, SalvoClient client) {
        this.plan = plan;
        this.preparer = preparer;
        this.client = client;
        this.requests = new Outgoing[plan.count()];
        this.inFlight = plan.effectiveInFlight();
        this.done = new CountDownLatch(requests.length);
        this.deadlines = new Deadlines(plan, client.http().getScheduler(), clock);
        this.lanes = new Lanes(client.http(), deadlines.stagingMillis());
        this.dispatcher = new Dispatcher(inFlight, this::dispatch, this::openAhead);
        this.http2 = plan.protocol() == Protocol.HTTP_2;
        this.reuse = !http2 && inFlight < requests.length;
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
        staging = new Staging(client.http(), plan);
        try {
            try (Preparation preparation = new Preparation(requests.length, plan.effectivePrepareThreads(),
                    plan.prepareTimeout(), preparer, clock)) {
                if (!plan.barrier()) {
                    armGate(takeGate());
                    preparation.run((index, spec, at) -> dispatcher.submit(requests[index] = staged(staging, index, spec, at)));
                } else {
                    preparation.run((index, spec, at) -> requests[index] = staged(staging, index, spec, at));
                    BurstGate taken = takeGate();
                    openConnections();
                    if (inFlight < requests.length) {
                        armGate(taken);
                        Arrays.stream(requests).forEach(dispatcher::submit);
                    } else {
                        ReleaseStep step = new ReleaseStep(Arrays.asList(requests), http2, deadlines, client.pings());
                        armGate(taken);
                        step.sendAhead();
                        step.release();
                        releasedWhole = step.releasedWhole();
                    }
                }
            } catch (InterruptedException | RuntimeException | Error stopped) {
                abortAll(stopped);
                throw stopped;
            }
            return collect();
        } finally {
            disarmGate();
            lanes.close();
        }
    }

    /**
     * With {@code holdWrites}: takes the JVM's write gate, waiting while another burst holds it,
     * at most as long as that burst may take (its staging, its requests' timeout, its hold).
     *
     * @return the gate, not armed yet; {@code null} without {@code holdWrites}
     */
    private BurstGate takeGate() throws InterruptedException {
        if (!plan.holdWrites()) {
            return null;
        }
        Duration wait = Duration.ofMillis(2 * deadlines.stagingMillis()).plus(plan.timeout()).plus(plan.holdBound())
                .plusNanos(Deadlines.WATCHDOG_GRACE_NANOS);
        gate = Gates.take(requests.length, plan.holdBound(), clock::now, wait);
        return gate;
    }

    /** Tells the gate the burst's connections known so far, and arms it: the release comes next. */
    private void armGate(BurstGate taken) {
        if (taken == null) {
            return;
        }
        for (Outgoing request : requests) {
            if (request != null) {
                noteConnection(request);
            }
        }
        taken.arm();
    }

    /** Tells the gate the client port of a request's connection, so that the server's thread for it is known as the burst's. */
    private void noteConnection(Outgoing request) {
        BurstGate taken = gate;
        if (taken == null) {
            return;
        }
        WireEndPoint endPoint = request.endPoint();
        if (endPoint != null && endPoint.getLocalSocketAddress() instanceof InetSocketAddress local) {
            taken.connectionOpened(local.getPort());
        } else if (request.connection() != null || !request.exchange().isDone()) {
            taken.connectionNotKnown();
        }
    }

    private void disarmGate() {
        BurstGate taken = gate;
        if (taken != null) {
            taken.disarm();
        }
    }

    private Outgoing staged(Staging staging, int index, RequestSpec spec, long preparedAt) {
        Outgoing request = staging.stage(new Exchange(index, spec, preparedAt, clock, plan.maxBodyBytes(), this::onDone));
        if (reuse && reusable(spec)) {
            request.reuseWith(this::keepUsed);
        }
        return request;
    }

    /**
     * A request may ride, and leave behind, a used connection only if sending it twice is
     * harmless (RFC 9110 §9.2.2) and it carries nothing a server could leave half-read: a
     * bodiless GET, HEAD, OPTIONS or TRACE.
     */
    private static boolean reusable(RequestSpec spec) {
        return spec.bodyLength() == 0 && switch (spec.method()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    private boolean keepUsed(Outgoing ended) {
        boolean kept = lanes.keepUsed(ended);
        keeping = kept;
        return kept;
    }

    /**
     * A request that failed before any answer on a used connection: sent once more, on a
     * connection of its own.
     *
     * @return {@code false} if it ended meanwhile (and fails as it did)
     */
    private boolean sendAgain(Outgoing request) {
        if (request.exchange().isDone()) {
            return false;
        }
        request.retryAs(staging.again(request));
        lanes.openOwn(request).thenRun(request::sendAgain);
        return true;
    }

    /**
     * Opens, before the release, the connections the release writes into: over HTTP/1.1 one for
     * each request that goes out at the release (every request, or the first {@code maxInFlight});
     * over HTTP/2 as many as the server's stream limit requires.
     */
    private void openConnections() throws InterruptedException {
        List<Outgoing> all = Arrays.asList(requests);
        if (http2) {
            lanes.openMultiplexed(all);
        } else {
            lanes.openOneEach(all.subList(0, inFlight));
        }
    }

    /** Sends one request for the dispatcher (a cap, or no barrier), on a connection of its own over HTTP/1.1. */
    private void dispatch(Outgoing request) {
        if (http2 || request.connection() != null) {
            sendWhole(request);
            return;
        }
        if (request.reusable() && !request.openingStarted()) { // reusable only in a capped HTTP/1.1 burst
            Connection used = lanes.takeUsed(request);
            if (used != null) {
                request.useUsedConnection(used, this::sendAgain);
                sendWhole(request);
                return;
            }
        }
        lanes.openOwn(request).thenRun(() -> sendWhole(request)); // a request that could not connect has failed
    }

    private void sendWhole(Outgoing request) {
        noteConnection(request);
        request.sendWhole();
        deadlines.arm(request.exchange());
    }

    /** Over HTTP/1.1, opens the connection of a request waiting for room, so that it is open when room frees. */
    private void openAhead(Outgoing request) {
        if (!http2 && request.connection() == null && !request.exchange().isDone() && !(keeping && request.reusable())) {
            lanes.openOwn(request);
        }
    }

    private void onDone(Exchange exchange) {
        Outgoing request = requests[exchange.index()];
        if (request != null) {
            dispatcher.ended(request);
        }
        BurstGate taken = gate;
        if (taken != null) {
            taken.requestEnded();
        }
        done.countDown();
    }

    /** The collect step: waits for every result, ending stragglers the client failed to end. */
    private Responses collect() throws InterruptedException {
        List<Exchange> exchanges = new ArrayList<>(requests.length);
        for (Outgoing request : requests) {
            exchanges.add(request.exchange());
        }
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                deadlines.endStragglers(exchanges);
            }
        } catch (InterruptedException interrupted) {
            abortAll(interrupted);
            throw interrupted;
        }
        List<RequestResult> results = new ArrayList<>(requests.length);
        int connections = 0;
        int releaseWrites = 0;
        Set<WireEndPoint> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Outgoing request : requests) {
            results.add(request.exchange().result());
            WireEndPoint endPoint = request.endPoint();
            if (endPoint != null && seen.add(endPoint)) {
                connections++;
                releaseWrites += endPoint.releaseWrites();
            }
        }
        Responses responses = Responses.of(results, clock.startedAt()).withWire(connections, releaseWrites)
                .withReleasedWhole(releasedWhole);
        BurstGate taken = gate;
        return taken == null ? responses : responses.withGateHold(taken.disarm());
    }

    /** Fails everything not yet done; requests in flight are aborted, which closes their connections. */
    private void abortAll(Throwable why) {
        Throwable reason = why instanceof InterruptedException
                ? new CancellationException("burst interrupted before this request completed")
                : new CancellationException("burst aborted before this request completed: " + Failures.describe(why));
        dispatcher.cancel(reason);
        for (Outgoing request : requests) {
            if (request != null) {
                request.exchange().fail(reason);
            }
        }
    }
}
