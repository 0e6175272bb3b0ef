package dev.salvo.internal.engine;

import dev.salvo.internal.text.Failures;
import dev.salvo.internal.wire.WireEndPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;
import org.eclipse.jetty.io.EndPoint;

/**
 * The connections of one burst: opened for it before its release, used by it alone, and closed
 * when it ends. Over HTTP/1.1 every request gets a connection of its own, so that no request
 * rides a connection another request has used (a server may close a used connection at any
 * moment, and the request written into it would fail for no fault of the server's). Over HTTP/2
 * a burst's streams are spread over as many connections as the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS requires. The one exception: in a capped burst, a connection
 * whose requests were all bodiless and safe (GET, HEAD, OPTIONS, TRACE), the last answered in
 * full and left open, may carry the next such request (see {@link #keepUsed}). Not API.
 */
final class Lanes implements AutoCloseable {

    private final HttpClient client;
    private final long waitMillis;
    private final Queue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final Map<Destination, Deque<Connection>> used = new ConcurrentHashMap<>();

    /**
     * @param client the started client
     * @param waitMillis the longest to wait for connections to open
     */
    Lanes(HttpClient client, long waitMillis) {
        this.client = client;
        this.waitMillis = waitMillis;
    }

    /**
     * Opens one connection for each request, and waits (bounded) until all are open. A request
     * whose connection cannot be opened fails, as data.
     */
    void openOneEach(List<Outgoing> requests) throws InterruptedException {
        List<CompletableFuture<?>> opening = new ArrayList<>(requests.size());
        for (Outgoing request : requests) {
            opening.add(openOwn(request));
        }
        await(opening);
    }

    /**
     * Opens the connection one request alone will use, once however often asked, and gives it
     * to the request; a connection that cannot be opened fails the request, as data. It is
     * closed when the request's exchange ends, or with the burst at the latest.
     *
     * @return completes once the request has its connection, or failed
     */
    CompletableFuture<Void> openOwn(Outgoing request) {
        return request.opening(() -> client.resolveDestination(request.request()).newConnection()
                .handle((connection, error) -> {
                    if (error != null) {
                        request.exchange().fail(Failures.unwrap(error));
                    } else {
                        opened.add(connection);
                        request.useOwnConnection(connection);
                    }
                    return null;
                }));
    }

    /**
     * Keeps a connection an ended request used, for a later request to the same destination.
     *
     * @return {@code false} if the connection is closed already (the server closed it after its answer)
     */
    boolean keepUsed(Outgoing ended) {
        Connection connection = ended.connection();
        if (connection == null || connection.isClosed()) {
            return false;
        }
        used.computeIfAbsent(client.resolveDestination(ended.request()), d -> new ConcurrentLinkedDeque<>()).push(connection);
        return true;
    }

    /**
     * Takes a connection kept by {@link #keepUsed} for the request's destination, the one used last
     * first (the least likely to have been closed for idling); closed ones are dropped.
     *
     * @return a connection still open as far as the client knows, or {@code null}
     */
    Connection takeUsed(Outgoing next) {
        Deque<Connection> kept = used.get(client.resolveDestination(next.request()));
        Connection connection;
        while (kept != null && (connection = kept.pollFirst()) != null) {
            if (!connection.isClosed()) {
                return connection;
            }
        }
        return null;
    }

    /**
     * HTTP/2: opens one connection per destination, reads from it how many streams the server
     * allows, opens as many more as the requests need, and assigns each request a connection
     * (filling one before the next). Waits (bounded); requests without a connection fail, as data.
     */
    void openMultiplexed(List<Outgoing> requests) throws InterruptedException {
        Map<Destination, List<Outgoing>> byDestination = new LinkedHashMap<>();
        for (Outgoing request : requests) {
            byDestination.computeIfAbsent(client.resolveDestination(request.request()), d -> new ArrayList<>()).add(request);
        }
        List<CompletableFuture<?>> opening = new ArrayList<>();
        byDestination.forEach((destination, group) -> opening.add(destination.newConnection()
                .thenCompose(first -> {
                    opened.add(first);
                    int streams = Math.max(1, maxStreams(first));
                    int needed = (group.size() + streams - 1) / streams;
                    List<CompletableFuture<Connection>> more = new ArrayList<>();
                    more.add(CompletableFuture.completedFuture(first));
                    for (int i = 1; i < needed; i++) {
                        more.add(destination.newConnection().thenApply(c -> {
                            opened.add(c);
                            return c;
                        }));
                    }
                    return CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).thenApply(all -> {
                        for (int i = 0; i < group.size(); i++) {
                            Connection connection = more.get(i / streams).join();
                            group.get(i).useSharedConnection(connection);
                        }
                        return null;
                    });
                })
                .exceptionally(error -> {
                    group.forEach(request -> request.exchange().fail(Failures.unwrap(error)));
                    return null;
                })));
        await(opening);
    }

    private void await(List<CompletableFuture<?>> opening) throws InterruptedException {
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notAll) {
            // A request whose connection is not open by now fails when it is released, as data.
        }
    }

    /** Closes every connection this burst opened. Idempotent. */
    @Override
    public void close() {
        Connection connection;
        while ((connection = opened.poll()) != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // already closed, or closing
            }
        }
    }

    private static int maxStreams(Connection connection) {
        return connection instanceof ConnectionPool.MaxMultiplexable multiplexed ? multiplexed.getMaxMultiplex() : 1;
    }

    /** @return the socket end point under a connection (below TLS, if any), or {@code null} */
    static WireEndPoint wire(Connection connection) {
        EndPoint endPoint = null;
        if (connection instanceof org.eclipse.jetty.io.Connection io) {
            endPoint = io.getEndPoint();
        } else if (connection instanceof HttpConnectionOverHTTP2 h2 && h2.getSession() instanceof HTTP2Session session) {
            endPoint = session.getEndPoint();
        }
        while (endPoint instanceof EndPoint.Wrapper wrapper && !(endPoint instanceof WireEndPoint)) {
            endPoint = wrapper.unwrap();
        }
        return endPoint instanceof WireEndPoint wire ? wire : null;
    }
}
