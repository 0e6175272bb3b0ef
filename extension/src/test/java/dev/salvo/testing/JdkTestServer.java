package dev.salvo.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's own {@code com.sun.net.httpserver.HttpServer} on 127.0.0.1, port 0, with its default
 * settings except the accept backlog and an executor of a few named threads. Every request is
 * read whole and answered {@code 200 ok}; requests are counted.
 *
 * <p>Its defaults matter to the tests that use it: it keeps at most
 * {@code sun.net.httpserver.maxIdleConnections} (200) idle connections and closes any other right
 * after answering, without {@code Connection: close}; a client that writes into such a connection
 * sees it closed with no response.
 */
public final class JdkTestServer implements AutoCloseable {

    private static final long STOP_MILLIS = 5_000;
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger received = new AtomicInteger();

    private JdkTestServer(int backlog, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        AtomicInteger number = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "jdk-http-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::answer);
    }

    /**
     * Starts a server.
     *
     * @param backlog the accept backlog
     * @param threads handler threads
     */
    public static JdkTestServer start(int backlog, int threads) {
        try {
            JdkTestServer started = new JdkTestServer(backlog, threads);
            started.server.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the JDK HTTP server on loopback", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return requests answered or being answered */
    public int received() {
        return received.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        try (exchange; InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, OK.length);
            out.write(OK);
        }
    }

    /** Stops the server at once and waits a bounded time for its handler threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("JDK HTTP server threads did not stop within " + STOP_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
