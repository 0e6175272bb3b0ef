package dev.salvo.internal.client;

import dev.salvo.internal.text.Failures;
import dev.salvo.internal.wire.WireConnector;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Owns one started Jetty {@link HttpClient} set up for bursts, and stops it on {@link #close()}.
 * Inside JUnit one instance lives in the root store for the whole engine run; {@code Burst}
 * makes and closes its own. Not API.
 */
public final class SalvoClient implements AutoCloseable {

    /** Room for the largest burst, so that no request is rejected by the client's own queue. */
    static final int MAX_PER_DESTINATION = 16_384;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final HttpClient client;
    private final ThreadGroup threads;
    private final Http2Pings pings;
    private volatile boolean closed;

    private SalvoClient(HttpClient client, ThreadGroup threads, Http2Pings pings) {
        this.pings = pings;
        this.client = client;
        this.threads = threads;
    }

    /**
     * Builds and starts a client. Callers that send to a server under test call
     * {@link WarmUp#once()} first.
     *
     * @param trust which server certificates to accept
     * @return the started client
     */
    public static SalvoClient start(TlsTrust trust) {
        // Every thread of this client lives in one group, so that close() can wait for all of them.
        ThreadGroup group = new ThreadGroup("salvo-http-" + CLIENTS.incrementAndGet());
        QueuedThreadPool threads = new QueuedThreadPool(256, 4, 30_000, -1, null, group);
        threads.setName(group.getName());
        threads.setDaemon(true);
        ClientConnector connector = new WireConnector();
        connector.setSslContextFactory(trust.sslContextFactory());
        HTTP2Client http2 = new HTTP2Client(connector);
        Http2Pings pings = new Http2Pings();
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, pings.protocol(http2)));
        client.setExecutor(threads);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(group.getName() + "-scheduler", true,
                SalvoClient.class.getClassLoader(), group);
        client.setScheduler(scheduler);
        client.setSocketAddressResolver(new LiteralAddresses(
                new SocketAddressResolver.Async(threads, scheduler, client.getAddressResolutionTimeout())));
        // Jetty's pooled buffers can be handed to a healthy exchange while a neighbour's connection
        // is torn down mid-response; fresh buffers cost a little allocation and cannot be shared.
        ByteBufferPool buffers = new ByteBufferPool.NonPooling();
        client.setByteBufferPool(buffers);
        connector.setByteBufferPool(buffers);
        client.setMaxConnectionsPerDestination(MAX_PER_DESTINATION);
        client.setMaxRequestsQueuedPerDestination(MAX_PER_DESTINATION);
        client.setDestinationIdleTimeout(60_000);
        client.setIdleTimeout(60_000);
        client.setConnectTimeout(10_000);
        // A race test asserts on exactly what the server said, and sends exactly what the test asked.
        ClientSettings.apply(client);
        try {
            client.start();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopQuietly(client);
            throw new CancellationException("interrupted while starting the HTTP client");
        } catch (Exception e) {
            stopQuietly(client);
            throw new IllegalStateException("could not start the HTTP client: " + Failures.describe(e), e);
        }
        return new SalvoClient(client, group, pings);
    }

    /** @return PING round trips on this client's HTTP/2 sessions */
    public Http2Pings pings() {
        return pings;
    }

    public HttpClient http() {
        if (closed) {
            throw new IllegalStateException("the HTTP client was closed");
        }
        return client;
    }

    /**
     * Stops the client and its connections, and waits a bounded time until every one of its
     * threads has ended. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(client);
        pings.close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Threads.SHUTDOWN_MILLIS);
        boolean interrupted = false;
        while (threads.activeCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (threads.activeCount() > 0) {
            System.err.println("salvo: " + threads.activeCount() + " thread(s) of " + threads.getName()
                    + " still running " + Threads.SHUTDOWN_MILLIS + " ms after the client stopped");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            System.err.println("salvo: the HTTP client did not stop cleanly: " + Failures.describe(e));
        }
    }
}
