package dev.salvo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.testing.Http1WireServer;
import dev.salvo.testing.Http1WireServer.Request;
import dev.salvo.testing.RecordingServer.ConnectionLog;
import dev.salvo.testing.RecordingServer.Read;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an HTTP/1.1 release must look like at the wire, checked on what an {@link Http1WireServer}
 * recorded. Every "before" is an order of epochs (see {@code RecordingServer}), so that a slow
 * machine cannot fail a check that a correct client passes.
 */
final class Http1Wire {

    private Http1Wire() {}

    /** Exactly {@code count} connections were opened, and each carried exactly one request. */
    static void assertOneRequestPerConnection(Http1WireServer server, int count) {
        List<Request> requests = server.requests();
        Map<Integer, Long> perConnection = requests.stream()
                .collect(Collectors.groupingBy(Request::connection, Collectors.counting()));
        assertThat(server.errors()).as("protocol errors at the server").isEmpty();
        assertThat(requests).as("requests the server completed").hasSize(count);
        assertThat(perConnection.values().stream().filter(n -> n > 1).count())
                .as("connections that carried more than one request of the burst; requests per connection: %s%n%s",
                        perConnection, server.describe())
                .isZero();
        assertThat(server.accepted())
                .as("connections opened for %d requests (each request on its own connection, none spare)%n%s", count,
                        server.describe())
                .isEqualTo(count);
    }

    /**
     * Last-byte release, in the two forms that no server delay can fake or spoil:
     * <ol>
     *   <li>final bytes were written on their own: at least one request's final read held exactly
     *       its last byte (a request written whole is one write, hence never read that way);
     *   <li>nothing but final bytes was left for the release: by the end of the epoch in which the
     *       first request became complete, every connection had delivered all of its request but at
     *       most its last byte. This also says that every connection's first bytes arrived before
     *       any request was complete.
     * </ol>
     * "Every final read is exactly one byte" would be stricter, but it is not the client's alone
     * to keep: a server thread that has not yet read a connection's early bytes when its last byte
     * lands reads them together. The count of such requests is printed.
     */
    static void assertOnlyFinalBytesAtTheRelease(Http1WireServer server, String label) {
        List<Request> requests = server.requests();
        long alone = requests.stream().filter(r -> r.finalReadLength() == 1 && r.reads() >= 2).count();
        long firstCompletion = requests.stream().mapToLong(Request::finalEpoch).min().orElseThrow();
        System.out.printf("wire | %s | %d requests, %d with the final byte read on its own; first request complete in epoch %d%n",
                label, requests.size(), alone, firstCompletion);
        assertThat(alone).as("requests whose final read held only their last byte: none, so every request went out whole"
                + " at the release%n%s", server.describe()).isPositive();

        Map<Integer, Long> readByFirstCompletion = new java.util.HashMap<>();
        for (ConnectionLog connection : server.connections()) {
            readByFirstCompletion.put(connection.id(), connection.reads().stream()
                    .filter(read -> read.epoch() <= firstCompletion).mapToLong(Read::length).sum());
        }
        List<String> heldMore = new ArrayList<>();
        for (Request request : requests) {
            long read = readByFirstCompletion.getOrDefault(request.connection(), 0L);
            if (read < request.bytes() - 1) {
                heldMore.add("connection " + request.connection() + ": " + request.method() + " " + request.target() + " had "
                        + read + " of its " + request.bytes() + " bytes");
            }
        }
        assertThat(heldMore).as("requests with more than their last byte still unsent when the first request was complete"
                + " (epoch %d): %d of %d%n%s", firstCompletion, heldMore.size(), requests.size(), server.describe()).isEmpty();
    }

    /**
     * Pre-connected whole writes: every connection was open before the first request byte arrived,
     * and every request arrived whole, in one read.
     */
    static void assertOpenedBeforeAndWhole(Http1WireServer server) {
        List<ConnectionLog> connections = server.connections();
        long firstByte = connections.stream().flatMap(c -> c.reads().stream()).mapToLong(Read::epoch).min().orElseThrow();
        List<String> late = connections.stream().filter(c -> c.acceptedEpoch() > firstByte)
                .map(c -> "connection " + c.id() + " opened in epoch " + c.acceptedEpoch()).toList();
        assertThat(late).as("connections opened after the first request byte arrived (epoch %d)%n%s", firstByte,
                server.describe()).isEmpty();
        List<String> split = server.requests().stream().filter(r -> r.reads() != 1 || r.finalReadLength() != r.bytes())
                .map(r -> "connection " + r.connection() + ": " + r.bytes() + " bytes in " + r.reads() + " read(s)").toList();
        assertThat(split).as("requests that did not arrive whole in one read%n%s", server.describe()).isEmpty();
    }
}
