package dev.salvo.internal;

import dev.salvo.RequestSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * The stage step: turns each prepared {@link RequestSpec} into a Jetty {@link Request}, and opens
 * the connections the release will need before it happens. Sends nothing to the server but TCP
 * handshakes. Not API.
 */
final class Staging {

    private final HttpClient client;
    private final BurstPlan plan;

    Staging(HttpClient client, BurstPlan plan) {
        this.client = client;
        this.plan = plan;
    }

    /**
     * Builds the Jetty request for one exchange.
     *
     * @throws IllegalArgumentException if the URI is relative without a base, or not http(s)
     */
    Request stage(RequestSpec spec) {
        URI uri = Urls.resolve(plan.baseUrl(), spec.uri());
        Request request = client.newRequest(uri)
                .method(spec.method())
                .timeout(plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!spec.headers().isEmpty()) {
            request.headers(fields -> spec.headers().forEach((name, values) -> values.forEach(v -> fields.add(name, v))));
        }
        if (spec.bodyLength() > 0 || spec.contentType().isPresent()) {
            request.body(new BytesRequestContent(spec.contentType().orElse(null), spec.body()));
        }
        return request;
    }

    /**
     * Opens, for every destination, as many connections as can be in flight at once, and waits
     * for them a bounded time. A connection that cannot be opened is not an error here: its
     * request will fail on its own, as data.
     */
    void preconnect(Collection<Exchange> exchanges) throws InterruptedException {
        Map<Destination, Integer> demand = new LinkedHashMap<>();
        for (Exchange exchange : exchanges) {
            demand.merge(client.resolveDestination(exchange.request()), 1, Integer::sum);
        }
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        demand.forEach((destination, requests) -> {
            int wanted = plan.maxInFlight() > 0 ? Math.min(requests, plan.maxInFlight()) : requests;
            ConnectionPool pool = destination.getConnectionPool();
            int missing = wanted;
            if (pool instanceof AbstractConnectionPool counted) {
                missing = wanted - counted.getIdleConnectionCount() - counted.getPendingConnectionCount();
            }
            if (missing > 0) {
                opening.add(pool.preCreateConnections(missing));
            }
        });
        if (opening.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .get(Math.min(plan.timeout().toMillis(), 10_000), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notAll) {
            // Requests whose connection could not be opened fail individually when released.
        }
    }
}
