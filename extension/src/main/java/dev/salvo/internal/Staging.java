package dev.salvo.internal;

import dev.salvo.Protocol;
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
import org.eclipse.jetty.http.HttpVersion;

/**
 * The stage step: turns each prepared {@link RequestSpec} into a Jetty {@link Request}, and opens
 * the connections the release will need before it happens. Before the release the server sees
 * only connection set-up (TCP, and the TLS handshake and HTTP/2 preface where they apply) and,
 * for requests whose end is withheld, everything but that end. Not API.
 */
final class Staging {

    /** Streams one HTTP/2 connection is expected to carry: Jetty's server default is 128. */
    static final int STREAMS_PER_CONNECTION = 128;

    private final HttpClient client;
    private final BurstPlan plan;

    Staging(HttpClient client, BurstPlan plan) {
        this.client = client;
        this.plan = plan;
    }

    /**
     * Builds the Jetty request for one exchange and attaches it, with a withheld body end when
     * the release mode calls for one.
     *
     * @throws IllegalArgumentException if the URI is relative without a base, not http(s), or
     *     the request cannot be released the way the plan asks
     */
    void stage(Exchange exchange) {
        RequestSpec spec = exchange.spec();
        URI uri = Urls.resolve(plan.baseUrl(), spec.uri());
        // No client timeout: each exchange arms its own from its release (see Exchange.armTimeout),
        // which for a request sent ahead is later than the client would count from.
        Request request = client.newRequest(uri).method(spec.method());
        request.version(plan.protocol() == Protocol.HTTP_2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1);
        if (!spec.headers().isEmpty()) {
            request.headers(fields -> ClientSettings.headers(spec, fields));
        }
        boolean hasBody = spec.bodyLength() > 0;
        String contentType = spec.contentType().orElse(null);
        WithheldContent withheld = null;
        if (plan.withholdsEnd(hasBody)) {
            if (!hasBody && plan.protocol() == Protocol.HTTP_1_1) {
                throw new IllegalArgumentException("'release' = LAST_BYTE over HTTP/1.1 needs a request body to withhold"
                        + " the last byte of, but " + spec.method() + " " + spec.uri() + " has none; use AUTO or PRECONNECT,"
                        + " or protocol = HTTP_2");
            }
            withheld = new WithheldContent(contentType, spec.body(), hasBody);
            request.body(withheld);
        } else if (hasBody || contentType != null) {
            request.body(new BytesRequestContent(contentType, spec.body()));
        }
        request.getURI(); // built and kept now, not inside the release
        exchange.attach(request, withheld);
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
            int inFlight = plan.maxInFlight() > 0 ? Math.min(requests, plan.maxInFlight()) : requests;
            int wanted = plan.protocol() == Protocol.HTTP_2 ? (inFlight + STREAMS_PER_CONNECTION - 1) / STREAMS_PER_CONNECTION : inFlight;
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
                    .get(Math.min(plan.timeout().toMillis(), BurstEngine.STAGING_LIMIT_MILLIS), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notAll) {
            // Requests whose connection could not be opened fail individually when released.
        }
    }
}
