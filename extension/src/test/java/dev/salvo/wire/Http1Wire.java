package dev.salvo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.testing.Http1WireServer;
import dev.salvo.testing.Http1WireServer.Request;
import dev.salvo.testing.RecordingServer.ConnectionLog;
import dev.salvo.testing.RecordingServer.Read;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an HTTP/1.1 release must look like at the wire, checked on what an {@link Http1WireServer}
 * recorded. Every "before" is an order of sweeps (see {@code RecordingServer}:
 * {@code sweep(x) > sweep(y) + 1} proves that x arrived after y was read), so that a slow machine
 * cannot fail a check that a correct client passes.
 */
final class Http1Wire {

    /** System property that makes {@link #assertOnlyFinalBytesAtTheRelease} also demand one-byte final reads. */
    static final String STRICT = "salvo.wire.strict";

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
     * Last-byte release: nothing but final bytes was left for the release. By the sweep after the
     * one in which the first request became complete, every connection had delivered all of its
     * request but at most its last byte; so every connection's first bytes, and all its other bytes
     * but the last, arrived before any request was complete. A request written whole at the release
     * fails this as soon as the server reads it at least two sweeps after the first complete one.
     *
     * <p>"The final read of every request held exactly one byte" is printed, not asserted: it is not
     * the client's alone to keep. A server thread that has not read a connection's early bytes when
     * its last byte lands reads them together; measured with a raw-socket client that writes every
     * request but its last byte and then every last byte, beside two busy processes on two cores,
     * 28 of 40 bursts of 50 had not a single one-byte final read. On a quiet machine, run with
     * {@code -D}{@value #STRICT}{@code =true} to assert it as well.
     */
    static void assertOnlyFinalBytesAtTheRelease(Http1WireServer server, String label) {
        List<Request> requests = server.requests();
        long alone = requests.stream().filter(r -> r.finalReadLength() == 1 && r.reads() >= 2).count();
        long firstCompletion = requests.stream().mapToLong(Request::finalSweep).min().orElseThrow();
        System.out.printf("wire | %s | %d requests, %d with the final byte read on its own; first request complete in sweep %d%n",
                label, requests.size(), alone, firstCompletion);

        Map<Integer, Long> readInTime = new HashMap<>();
        for (ConnectionLog connection : server.connections()) {
            readInTime.put(connection.id(), connection.reads().stream()
                    .filter(read -> read.sweep() <= firstCompletion + 1).mapToLong(Read::length).sum());
        }
        List<String> heldMore = new ArrayList<>();
        for (Request request : requests) {
            long read = readInTime.getOrDefault(request.connection(), 0L);
            if (read < request.bytes() - 1) {
                heldMore.add("connection " + request.connection() + ": " + request.method() + " " + request.target() + " had "
                        + read + " of its " + request.bytes() + " bytes");
            }
        }
        assertThat(heldMore).as("requests with more than their last byte still unsent when the first request was complete"
                + " (sweep %d): %d of %d (%d with a final read of one byte)%n%s", firstCompletion, heldMore.size(),
                requests.size(), alone, server.describe()).isEmpty();
        if (Boolean.getBoolean(STRICT)) {
            assertThat(alone).as("%s: requests whose final read held only their last byte (-D%s=true)%n%s", label, STRICT,
                    server.describe()).isEqualTo(requests.size());
        }
    }

    /**
     * Pre-connected whole writes: every connection was open before the first request byte arrived,
     * and every request arrived whole, in one read.
     */
    static void assertOpenedBeforeAndWhole(Http1WireServer server) {
        List<ConnectionLog> connections = server.connections();
        long firstByte = connections.stream().flatMap(c -> c.reads().stream()).mapToLong(Read::sweep).min().orElseThrow();
        List<String> late = connections.stream().filter(c -> c.acceptedSweep() > firstByte + 1)
                .map(c -> "connection " + c.id() + " opened in sweep " + c.acceptedSweep()).toList();
        assertThat(late).as("connections opened after the first request byte arrived (sweep %d)%n%s", firstByte,
                server.describe()).isEmpty();
        List<String> split = server.requests().stream().filter(r -> r.reads() != 1 || r.finalReadLength() != r.bytes())
                .map(r -> "connection " + r.connection() + ": " + r.bytes() + " bytes in " + r.reads() + " read(s)").toList();
        assertThat(split).as("requests that did not arrive whole in one read%n%s", server.describe()).isEmpty();
    }
}
