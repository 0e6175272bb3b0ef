package dev.salvo.samples.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty 12 server on {@code 127.0.0.1}, on a free port, that notes the arrival time
 * of every request in an {@link ArrivalLog} before handing it to the application's handler.
 *
 * <pre>{@code
 * try (SampleServer server = SampleServer.start("coupons", new CouponHandler(service))) {
 *     String base = server.baseUrl();   // http://127.0.0.1:41234
 * }
 * }</pre>
 *
 * <p>The handler may block (a JDBC call, a pause): it runs on one of the server's own threads,
 * named after the server. {@link #close()} stops the server and its threads.
 */
public final class SampleServer implements AutoCloseable {

    /** Enough threads that a burst of 100 blocking requests is handled at once, not queued. */
    private static final int MAX_THREADS = 128;
    /** Started with the server, so that a burst does not wait for threads to be created. */
    private static final int MIN_THREADS = 64;

    private final Server server;
    private final ServerConnector connector;
    private final ArrivalLog arrivals = new ArrivalLog();

    private SampleServer(String name, Handler application) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName(name + "-server");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // The default backlog (50) can drop a storm of simultaneous connections.
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Wrapper(application) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                arrivals.record(System.nanoTime());
                return super.handle(request, response, callback);
            }
        });
    }

    /**
     * Starts a server for the handler.
     *
     * @param name names the server's threads, for example {@code coupons}
     * @param application answers every request; may block
     * @return the started server
     * @throws IllegalStateException if the server could not start
     */
    public static SampleServer start(String name, Handler application) {
        SampleServer sample = new SampleServer(name, application);
        try {
            sample.server.start();
        } catch (Exception e) {
            sample.close();
            throw new IllegalStateException("could not start the " + name + " server: " + e, e);
        }
        return sample;
    }

    /** @return for example {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** @return when each request arrived, as the server saw it */
    public ArrivalLog arrivals() {
        return arrivals;
    }

    /**
     * Writes a plain-text response and completes the callback.
     *
     * @param response the response to write
     * @param status the status code
     * @param text the body
     * @param callback completed when the response is written
     */
    public static void respond(Response response, int status, String text, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Stops the server, its connections and its threads. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the server at " + baseUrl() + ": " + e, e);
        }
    }
}
