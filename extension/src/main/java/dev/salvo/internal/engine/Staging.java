package dev.salvo.internal.engine;

import dev.salvo.Protocol;
import dev.salvo.RequestSpec;
import dev.salvo.internal.client.ClientSettings;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.text.Urls;
import dev.salvo.internal.wire.WithheldContent;
import java.net.URI;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpVersion;

/**
 * The stage step: turns each prepared {@link RequestSpec} into a Jetty {@link Request}, and
 * decides how it leaves the client: written ahead but its final byte (HTTP/1.1), written ahead
 * but its stream's end (HTTP/2; HTTPS over HTTP/1.1 with a body), or whole at the release. Not API.
 */
final class Staging {

    private final HttpClient client;
    private final BurstPlan plan;

    Staging(HttpClient client, BurstPlan plan) {
        this.client = client;
        this.plan = plan;
    }

    /**
     * Builds the Jetty request for one exchange, and decides how it is sent.
     *
     * @return the request as it will leave the client
     * @throws IllegalArgumentException if the URI is relative without a base, or not http(s)
     */
    Outgoing stage(Exchange exchange) {
        RequestSpec spec = exchange.spec();
        URI uri = Urls.resolve(plan.baseUrl(), spec.uri());
        Request request = newRequest(spec, uri);
        boolean http2 = plan.protocol() == Protocol.HTTP_2;
        boolean hasBody = spec.bodyLength() > 0;
        String contentType = spec.contentType().orElse(null);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        Outgoing.Send send;
        WithheldContent withheld = null;
        if (!plan.withholdsEnds()) {
            send = Outgoing.Send.WHOLE;
        } else if (!http2 && !tls) {
            send = Outgoing.Send.HOLD_LAST_BYTE;
        } else if (http2 || hasBody) {
            send = Outgoing.Send.HOLD_END;
            withheld = new WithheldContent(contentType, spec.body(), hasBody);
            request.body(withheld);
        } else {
            send = Outgoing.Send.WHOLE; // HTTPS over HTTP/1.1 without a body: nothing below TLS to hold
        }
        if (withheld == null && (hasBody || contentType != null)) {
            request.body(new BytesRequestContent(contentType, spec.body()));
        }
        request.getURI(); // built and kept now, not inside the release
        return new Outgoing(exchange, request, send, withheld);
    }

    /**
     * Builds the same request once more, to be sent whole: for a request that failed before any
     * answer on a connection an earlier request had used, and is sent again on a new one.
     */
    Request again(Outgoing sent) {
        RequestSpec spec = sent.exchange().spec();
        Request request = newRequest(spec, sent.request().getURI());
        if (spec.bodyLength() > 0 || spec.contentType().isPresent()) {
            request.body(new BytesRequestContent(spec.contentType().orElse(null), spec.body()));
        }
        request.getURI();
        return request;
    }

    private Request newRequest(RequestSpec spec, URI uri) {
        // No client timeout: Deadlines arms each request's timer from its release, which for a
        // request sent ahead is later than the client would count from.
        Request request = client.newRequest(uri).method(spec.method());
        request.version(plan.protocol() == Protocol.HTTP_2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1);
        if (!spec.headers().isEmpty()) {
            request.headers(fields -> ClientSettings.headers(spec, fields));
        }
        return request;
    }
}
