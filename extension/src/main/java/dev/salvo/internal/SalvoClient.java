package dev.salvo.internal;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
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
    static final String USER_AGENT = "salvo";

    private final HttpClient client;
    private volatile boolean closed;

    private SalvoClient(HttpClient client) {
        this.client = client;
    }

    /** Builds and starts a client that verifies certificates with the JVM's trust store. */
    public static SalvoClient start() {
        return start(TlsTrust.VERIFY);
    }

    /**
     * Builds and starts a client, after warming Salvo's send path once per JVM.
     *
     * @param trust which server certificates to accept
     */
    public static SalvoClient start(TlsTrust trust) {
        WarmUp.once();
        return startCold(trust);
    }

    /** Builds and starts a client without the once-per-JVM warm-up. */
    static SalvoClient startCold(TlsTrust trust) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 4, 30_000);
        threads.setName("salvo-http");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(trust.sslContextFactory());
        HTTP2Client http2 = new HTTP2Client(connector);
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2)));
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("salvo-http-scheduler", true));
        client.setMaxConnectionsPerDestination(MAX_PER_DESTINATION);
        client.setMaxRequestsQueuedPerDestination(MAX_PER_DESTINATION);
        client.setDestinationIdleTimeout(60_000);
        client.setIdleTimeout(60_000);
        client.setConnectTimeout(10_000);
        // A race test asserts on exactly what the server said: no redirects followed, no cookies
        // carried from one test to the next.
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the HTTP client: " + Failures.describe(e), e);
        }
        return new SalvoClient(client);
    }

    public HttpClient http() {
        if (closed) {
            throw new IllegalStateException("the HTTP client was closed");
        }
        return client;
    }

    /** Stops the client, its connections and its threads; waits a bounded time. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.stop();
        } catch (Exception e) {
            System.err.println("salvo: the HTTP client did not stop cleanly: " + Failures.describe(e));
        }
    }
}
