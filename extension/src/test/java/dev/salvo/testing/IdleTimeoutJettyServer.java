package dev.salvo.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 on 127.0.0.1, port 0, HTTP/1.1 only, whose connector closes a connection idle
 * for a short, chosen time (Jetty's default is 30 s), with an accept queue of 4 096. Every request
 * is read whole and answered {@code 200 ok}; requests are counted.
 */
public final class IdleTimeoutJettyServer implements AutoCloseable {

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger received = new AtomicInteger();

    private IdleTimeoutJettyServer(Duration idleTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("idle-jetty");
        server = new Server(threads);
        connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4_096);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                received.incrementAndGet();
                Content.Source.consumeAll(request, Callback.from(() -> {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                    response.write(true, ByteBuffer.wrap(OK), callback);
                }, callback::failed));
                return true;
            }
        });
    }

    /**
     * Starts a server.
     *
     * @param idleTimeout how long a connection may stay idle before Jetty closes it
     */
    public static IdleTimeoutJettyServer start(Duration idleTimeout) {
        IdleTimeoutJettyServer started = new IdleTimeoutJettyServer(idleTimeout);
        try {
            started.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start Jetty on loopback", e);
        }
        return started;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** @return requests received */
    public int received() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
    }
}
