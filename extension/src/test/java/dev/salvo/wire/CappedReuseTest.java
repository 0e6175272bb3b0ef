package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.Http1WireServer;
import dev.salvo.testing.JdkTestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A capped burst ({@code maxInFlight}) lets a later bodiless GET, HEAD, OPTIONS or TRACE ride a
 * connection an earlier one used, once that one's answer was complete and left the connection
 * open; a request that then fails before any answer is sent once more, on a new connection.
 * Every other request keeps a connection of its own, and a burst without a cap never shares one.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CappedReuseTest {

    @Test
    void laterGetsRideUsedConnectionsAndOneClosedUnderThemIsSentOnceMore() {
        int count = 300;
        try (Http1WireServer server = Http1WireServer.closingSilentlyAfter("reuse", 3)) {
            Responses responses = Burst.of(count).maxInFlight(8).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/r/" + i)).fire();

            assertThat(responses).hasSize(count).noneFailed().allHaveStatus(200);
            List<Http1WireServer.Request> seen = server.requests();
            Map<String, Long> tries = seen.stream()
                    .collect(Collectors.groupingBy(Http1WireServer.Request::target, Collectors.counting()));
            assertThat(tries).as("every request reached the server").hasSize(count);
            assertThat(tries.values()).as("tries per request: one, or two after a silent close").allMatch(n -> n <= 2);
            long twice = tries.values().stream().filter(n -> n == 2).count();
            assertThat(server.unanswered()).as("requests left unanswered on a used connection").isPositive();
            assertThat(twice).as("requests sent twice: exactly those the server left unanswered")
                    .isEqualTo(server.unanswered());
            assertThat(seen.stream().filter(r -> r.number() > 1).count()).as("requests that rode a used connection")
                    .isPositive();
            long carrying = seen.stream().map(Http1WireServer.Request::connection).distinct().count();
            assertThat(carrying).as("connections that carried a request").isLessThan(count);
            assertThat(responses.connections()).as("connections the burst used, as it reports them").isLessThan(count);
        }
    }

    @Test
    void aPostKeepsAConnectionOfItsOwnAndLeavesItToNoOne() {
        int count = 40;
        try (Http1WireServer server = Http1WireServer.start("reuse-post")) {
            Responses responses = Burst.of(count).maxInFlight(4).baseUrl(server.baseUrl())
                    .prepare(i -> i % 2 == 0
                            ? RequestSpec.post("/p/" + i, "body " + i, "text/plain")
                            : RequestSpec.get("/g/" + i))
                    .fire();

            assertThat(responses).hasSize(count).noneFailed().allHaveStatus(200);
            Map<Integer, List<Http1WireServer.Request>> byConnection = server.requests().stream()
                    .collect(Collectors.groupingBy(Http1WireServer.Request::connection));
            for (List<Http1WireServer.Request> carried : byConnection.values()) {
                if (carried.stream().anyMatch(r -> r.method().equals("POST"))) {
                    assertThat(carried).as("a connection that carried a POST carried nothing else").hasSize(1);
                }
            }
            assertThat(server.requests()).hasSize(count);
        }
    }

    @Test
    void withoutACapNoTwoRequestsShareAConnection() {
        int count = 50;
        try (Http1WireServer server = Http1WireServer.start("reuse-uncapped")) {
            Responses responses = Burst.of(count).barrier(false).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/u/" + i)).fire();

            assertThat(responses).noneFailed();
            assertThat(server.requests().stream().map(Http1WireServer.Request::connection).distinct().count())
                    .isEqualTo(count);
        }
    }

    @Test
    void moreKeptConnectionsThanTheJdkServerKeepsIdleFailNothing() {
        // The JDK's HttpServer keeps at most 200 idle connections and closes others right after
        // answering, without Connection: close: with 300 in flight, kept connections are closed
        // under the burst's feet, and a request written into one is sent once more.
        int count = 3_000;
        try (JdkTestServer server = JdkTestServer.start(1_024, 16)) {
            Responses responses = Burst.of(count).maxInFlight(300).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/k/" + i)).fire();

            assertThat(responses).hasSize(count).noneFailed().allHaveStatus(200);
            assertThat(responses.connections()).as("connections used by %d requests", count).isLessThan(count);
        }
    }

    @Test
    void thousandsOfCappedGetsAgainstTheJdkServerWithoutOneFailure() {
        int count = 3_000;
        try (JdkTestServer server = JdkTestServer.start(1_024, 16)) {
            Responses responses = Burst.of(count).maxInFlight(64).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/j/" + i)).fire();

            assertThat(responses).hasSize(count).noneFailed().allHaveStatus(200);
            assertThat(responses.stream().map(r -> r.bodyAsString()).distinct()).containsExactly("ok");
            assertThat(responses.connections()).as("connections used by %d requests", count).isLessThan(count / 4);
            assertThat(server.received()).as("requests the server answered").isGreaterThanOrEqualTo(count);
        }
    }
}
