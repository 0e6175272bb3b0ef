package dev.salvo.internal.engine;

import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.internal.client.SalvoClient;
import dev.salvo.internal.client.TlsTrust;
import dev.salvo.internal.plan.BurstPlan;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms Salvo's send paths once per JVM, so that the first real burst is not released by
 * interpreted code: a few bursts of each kind (whole writes, held final bytes with and without
 * a body, HTTP/2 single-write ends) through a client of its own to in-JVM
 * {@link WarmUpServers}. Nothing is sent to the server under test. Best effort: a failure only
 * leaves the JVM cold. Not API.
 */
public final class WarmUp {

    static final int ROUNDS = 6;
    /** Requests per HTTP/1.1 burst: each opens a connection of its own, so these are the costly ones. */
    static final int REQUESTS = 64;
    /** Streams per HTTP/2 burst: more than one connection carries, so the spreading is warmed too. */
    static final int STREAMS = 200;

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private WarmUp() {}

    /** Runs the warm-up if this JVM has not had it yet; the first caller waits for it. */
    public static synchronized void once() {
        if (DONE.get() || Boolean.getBoolean("salvo.warm-up.skip")) {
            return;
        }
        DONE.set(true);
        try (WarmUpServers servers = new WarmUpServers(); SalvoClient client = SalvoClient.start(TlsTrust.VERIFY)) {
            String http1 = servers.http1Url();
            String h2c = servers.h2cUrl();
            BurstPlan whole = BurstPlan.defaults(REQUESTS).withTimeout(Duration.ofSeconds(5)).withRelease(Release.PRECONNECT);
            BurstPlan lastByte = whole.withRelease(Release.LAST_BYTE);
            BurstPlan http2 = BurstPlan.defaults(STREAMS).withTimeout(Duration.ofSeconds(5)).withProtocol(Protocol.HTTP_2);
            for (int round = 0; round < ROUNDS; round++) {
                BurstEngine.run(whole, i -> RequestSpec.get(http1), client);
                BurstEngine.run(lastByte, i -> RequestSpec.get(http1), client);
                BurstEngine.run(lastByte, i -> RequestSpec.post(http1, "warm", "text/plain"), client);
                BurstEngine.run(http2, i -> RequestSpec.get(h2c), client);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the caller's burst sees the interrupt and stops
        } catch (Exception | LinkageError stayCold) {
            // the warm-up only makes the first burst tighter; the burst itself does not need it
        }
    }
}
