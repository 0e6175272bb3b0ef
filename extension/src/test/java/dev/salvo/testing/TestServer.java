package dev.salvo.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty 12 server on 127.0.0.1, port 0, for tests. Routes:
 * <ul>
 *   <li>{@code /echo/...}: 200 with "METHOD path?query" and the request body appended;
 *   <li>{@code /status/NNN}: that status, empty body;
 *   <li>{@code /delay?ms=N}: answers 200 after N ms, without holding a server thread;
 *   <li>{@code /bytes?n=N}: 200 with N bytes ({@code &chunked=1}: in two chunks, no Content-Length);
 *   <li>{@code /headers}: 200 with the request headers, one per line;
 *   <li>{@code /stall}: never reads the body, never answers;
 *   <li>{@code /gate?n=N}: holds every answer until N requests have arrived at {@code /gate}, then
 *       answers them all with 200 "gate of N" (later ones at once): an order of events, not a delay.
 * </ul>
 * Speaks HTTP/1.1 and h2c (prior knowledge) on the same port. {@code /echo} also records when
 * each body was read whole. Every request is counted, its arrival time kept, and the most requests in progress at once recorded.
 */
public final class TestServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<Long> bodiesRead = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final List<Runnable> heldAtGate = new java.util.ArrayList<>();
    private int arrivedAtGate;

    private TestServer() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("test-server");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        connector = new ServerConnector(server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return route(request, response, callback);
            }
        });
    }

    public static TestServer start() {
        TestServer testServer = new TestServer();
        try {
            testServer.server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return testServer;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int received() {
        return received.get();
    }

    public int received(String path) {
        AtomicInteger count = perPath.get(path);
        return count == null ? 0 : count.get();
    }

    public int maxInProgress() {
        return maxInProgress.get();
    }

    /** @return nanoTime of each request's arrival at the handler, in arrival order */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** @return nanoTime at which each {@code /echo} body was read whole, in order */
    public List<Long> bodiesRead() {
        return List.copyOf(bodiesRead);
    }

    private boolean route(Request request, Response response, Callback callback) {
        arrivals.add(System.nanoTime());
        received.incrementAndGet();
        String path = request.getHttpURI().getPath();
        perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        // A request stops counting as in progress just before its answer is written, so that a
        // client that has the answer can never see it still counted.
        Callback done = callback;
        Fields query = Request.extractQueryParameters(request);
        if (path.startsWith("/echo")) {
            String head = request.getConnectionMetaData().getProtocol() + " " + request.getMethod() + " " + path + (request.getHttpURI().getQuery() == null ? "" : "?" + request.getHttpURI().getQuery());
            Content.Source.asString(request, StandardCharsets.UTF_8, new org.eclipse.jetty.util.Promise<>() {
                @Override
                public void succeeded(String body) {
                    bodiesRead.add(System.nanoTime());
                    text(response, 200, head + (body.isEmpty() ? "" : "\n" + body), done);
                }

                @Override
                public void failed(Throwable failure) {
                    done.failed(failure);
                }
            });
        } else if (path.equals("/stall")) {
            // neither reads the body nor answers: the request stays open until the client gives up
            return true;
        } else if (path.startsWith("/status/")) {
            response.setStatus(Integer.parseInt(path.substring("/status/".length())));
            inProgress.decrementAndGet();
            response.write(true, ByteBuffer.allocate(0), done);
        } else if (path.equals("/delay")) {
            long millis = Long.parseLong(query.getValue("ms"));
            server.getScheduler().schedule(() -> text(response, 200, "waited " + millis, done), millis, TimeUnit.MILLISECONDS);
        } else if (path.equals("/gate")) {
            int n = Integer.parseInt(query.getValue("n"));
            List<Runnable> open = List.of();
            synchronized (heldAtGate) {
                heldAtGate.add(() -> text(response, 200, "gate of " + n, done));
                if (++arrivedAtGate >= n) {
                    open = List.copyOf(heldAtGate);
                    heldAtGate.clear();
                }
            }
            open.forEach(Runnable::run);
        } else if (path.equals("/bytes")) {
            int n = Integer.parseInt(query.getValue("n"));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            inProgress.decrementAndGet();
            if (query.getValue("chunked") != null) {
                // two writes and no Content-Length: the body goes out chunked
                response.write(false, ByteBuffer.wrap(new byte[n / 2]),
                        Callback.from(() -> response.write(true, ByteBuffer.wrap(new byte[n - n / 2]), done), done::failed));
            } else {
                response.write(true, ByteBuffer.wrap(new byte[n]), done);
            }
        } else if (path.equals("/headers")) {
            StringBuilder lines = new StringBuilder();
            request.getHeaders().forEach(field -> lines.append(field.getName()).append(": ").append(field.getValue()).append('\n'));
            text(response, 200, lines.toString(), done);
        } else {
            text(response, 404, "no route " + path, done);
        }
        return true;
    }

    private void text(Response response, int status, String body, Callback callback) {
        inProgress.decrementAndGet();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
