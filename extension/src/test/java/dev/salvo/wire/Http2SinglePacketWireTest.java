package dev.salvo.wire;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.H2cWireServer;
import dev.salvo.testing.H2cWireServer.Conversation;
import dev.salvo.testing.TlsFront;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP/2 single-packet release, at the wire: before the release every stream's HEADERS is
 * written; at the release, all the withheld END_STREAM flags of a connection leave in one write,
 * so the server reads them in one read. Connections come from the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS and are all open before the release.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Http2SinglePacketWireTest {

    private static final int BURSTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    H2cWireServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "N = {0}, {1}")
    @CsvSource({"20, LAST_BYTE", "100, LAST_BYTE", "20, AUTO", "100, AUTO"})
    void everyConnectionsEndsArriveInOneReadInEveryBurst(int count, Release release) {
        server = H2cWireServer.start("h2-single-" + count + "-" + release, 128);
        int[] readsPerBurst = new int[BURSTS];
        for (int burst = 0; burst < BURSTS; burst++) {
            int mark = server.accepted();
            int round = burst;
            Responses responses = Burst.of(count).baseUrl(server.baseUrl()).protocol(Protocol.HTTP_2).release(release)
                    .timeout(TIMEOUT).prepare(i -> RequestSpec.get("/h2/" + round + "/" + i)).fire();
            String label = "burst " + (burst + 1) + " of " + BURSTS + " (N = " + count + ", " + release + ")";

            assertThat(responses).as(label).hasSize(count).noneFailed().allHaveStatus(200);
            List<Conversation> conversations = since(mark);
            assertThat(H2Wire.carriers(conversations).stream().mapToLong(Conversation::streams).sum())
                    .as("%s: streams the server saw", label).isEqualTo(count);
            readsPerBurst[burst] = H2Wire.carriers(conversations).stream().mapToInt(c -> c.endStreamReads().size()).sum();
            H2Wire.assertEndsInOneReadPerConnection(conversations, label);
            H2Wire.assertNoHeadersAfterTheFirstEnd(conversations, label);
        }
        System.out.printf("wire | h2c N=%d %s | reads carrying END_STREAM per burst: %s%n", count, release,
                java.util.Arrays.toString(readsPerBurst));
        assertThat(server.refusedStreams()).as("streams refused by the server").isZero();
        assertThat(server.errors()).as("protocol errors at the server").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Release.class, names = {"LAST_BYTE", "AUTO"})
    void aPingRoundTripSeparatesTheHeadsFromTheRelease(Release release) {
        server = H2cWireServer.start("h2-ping-" + release, 10);
        for (int burst = 0; burst < 3; burst++) {
            int mark = server.accepted();
            int round = burst;
            Responses responses = Burst.of(25).baseUrl(server.baseUrl()).protocol(Protocol.HTTP_2).release(release)
                    .timeout(TIMEOUT).prepare(i -> RequestSpec.get("/ping/" + round + "/" + i)).fire();
            assertThat(responses).noneFailed().allHaveStatus(200);
            List<Conversation> carriers = H2Wire.carriers(since(mark));
            assertThat(carriers).as("connections for 25 streams at 10 each").hasSize(3);
            for (Conversation conversation : carriers) {
                String label = "burst " + (burst + 1) + ", connection " + conversation.connection();
                List<H2cWireServer.Frame> frames = conversation.frames();
                long lastHead = frames.stream().filter(f -> f.type() == H2cWireServer.HEADERS)
                        .mapToLong(H2cWireServer.Frame::readSequence).max().orElseThrow();
                List<H2cWireServer.Frame> pings = frames.stream()
                        .filter(f -> f.type() == H2cWireServer.PING && (f.flags() & H2cWireServer.FLAG_ACK) == 0).toList();
                assertThat(pings).as("%s: PINGs from the client", label).hasSize(1);
                H2cWireServer.Frame ping = pings.get(0);
                assertThat(ping.readSequence()).as("%s: the PING came after every head", label).isGreaterThanOrEqualTo(lastHead);
                assertThat(conversation.firstEndStreamSweep()).as("%s: the ends came in a later sweep than the PING,"
                        + " after the server had answered it", label).isGreaterThan(ping.sweep());
            }
        }
    }

    /**
     * A server that answers every stream on its HEADERS frame, before it reads on: every answer is
     * on the wire ahead of the acknowledgement of the PING the client sent after the heads, and
     * the release waits for that acknowledgement. Jetty reads the frames in order but tells its
     * listeners of an answer in a task that may run after the acknowledgement was read; the
     * answer is marked as read before the release all the same.
     */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {20, 100})
    void everyAnswerReadBeforeTheReleaseIsMarkedAsSuch(int count) {
        server = H2cWireServer.startAnsweringHeads("h2-early-" + count, 128);
        for (int burst = 0; burst < 5; burst++) {
            int mark = server.accepted();
            int round = burst;
            String label = "burst " + (burst + 1) + " (N = " + count + ")";
            Responses responses = Burst.of(count).baseUrl(server.baseUrl()).protocol(Protocol.HTTP_2).release(Release.LAST_BYTE)
                    .timeout(TIMEOUT).prepare(i -> RequestSpec.get("/early/" + round + "/" + i)).fire();

            assertThat(responses).as(label).hasSize(count).noneFailed().allHaveStatus(200);
            for (Conversation conversation : H2Wire.carriers(since(mark))) {
                H2Wire.Order order = H2Wire.Order.of(conversation);
                assertThat(order.ping()).as("%s, connection %d: the PING came after every head, so every answer went out"
                        + " before its acknowledgement", label, conversation.connection()).isGreaterThan(order.lastHead());
            }
            assertThat(responses.answeredBeforeRelease()).as("%s: answers read before the release", label).hasSize(count);
        }
    }

    /**
     * h2 over TLS: a TLS front relays the decrypted bytes, in order, to the frame-recording
     * server. Every stream's HEADERS frame, then the PING, come before the first END_STREAM, and
     * the ends of a connection leave in one socket write (of TLS records).
     */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {20, 100})
    void overTlsEveryHeadAndThePingComeBeforeTheFirstEnd(int count) {
        server = H2cWireServer.start("h2-tls-" + count, 128);
        try (TlsFront front = TlsFront.start(server.port())) {
            for (int burst = 0; burst < 3; burst++) {
                int mark = server.accepted();
                int round = burst;
                String label = "h2 (TLS) burst " + (burst + 1) + " (N = " + count + ")";
                Responses responses = Burst.of(count).baseUrl(front.baseUrl()).trustAllCertificates().protocol(Protocol.HTTP_2)
                        .release(Release.LAST_BYTE).timeout(TIMEOUT).prepare(i -> RequestSpec.get("/tls/" + round + "/" + i)).fire();

                assertThat(responses).as(label).hasSize(count).noneFailed().allHaveStatus(200);
                List<Conversation> carriers = H2Wire.carriers(since(mark));
                assertThat(carriers.stream().mapToLong(Conversation::streams).sum()).as("%s: streams the server saw", label)
                        .isEqualTo(count);
                assertThat(responses.releaseWrites()).as("%s: release writes, one per connection", label)
                        .isEqualTo(carriers.size());
                H2Wire.assertNoHeadersAfterTheFirstEnd(carriers, label);
                for (Conversation conversation : carriers) {
                    H2Wire.Order order = H2Wire.Order.of(conversation);
                    String where = label + ", connection " + conversation.connection();
                    assertThat(order.ping()).as("%s: the PING came after every head", where).isGreaterThan(order.lastHead());
                    assertThat(order.firstEnd()).as("%s: the first end came after the PING", where).isGreaterThan(order.ping());
                }
            }
        }
        assertThat(server.errors()).as("protocol errors at the server").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Release.class, names = {"LAST_BYTE", "AUTO"})
    void aServerAllowingOneStreamGetsOneConnectionPerRequestAllOpenBeforeTheRelease(Release release) {
        server = H2cWireServer.start("h2-one-stream-" + release, 1);
        spreadBy(5, release, 1, 5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Release.class, names = {"LAST_BYTE", "AUTO"})
    void aServerAllowingTenStreamsGetsThreeConnectionsForTwentyFive(Release release) {
        server = H2cWireServer.start("h2-ten-streams-" + release, 10);
        spreadBy(25, release, 10, 3);
    }

    private void spreadBy(int count, Release release, int allowed, int connections) {
        String label = "N = " + count + ", " + release + ", server allows " + allowed + " stream(s)";
        Responses responses = Burst.of(count).baseUrl(server.baseUrl()).protocol(Protocol.HTTP_2).release(release)
                .timeout(TIMEOUT).prepare(i -> RequestSpec.get("/spread/" + i)).fire();

        List<Conversation> conversations = server.conversations();
        System.out.printf("wire | h2c spread %s | %d connections opened, %d carried streams, %d streams refused%n", label,
                conversations.size(), H2Wire.carriers(conversations).size(), server.refusedStreams());
        assertThat(responses).as(label).hasSize(count).noneFailed().allHaveStatus(200);
        assertThat(server.refusedStreams()).as("%s: streams refused for going over the server's limit%n%s", label,
                H2Wire.describe(conversations)).isZero();
        assertThat(H2Wire.carriers(conversations).size()).as("%s: connections that carried streams%n%s", label,
                H2Wire.describe(conversations)).isEqualTo(connections);
        assertThat(conversations.size()).as("%s: connections opened (none spare)%n%s", label, H2Wire.describe(conversations))
                .isEqualTo(connections);
        H2Wire.assertOpenedBeforeTheFirstEnd(conversations, label);
        H2Wire.assertEndsInOneReadPerConnection(conversations, label);
        H2Wire.assertNoHeadersAfterTheFirstEnd(conversations, label);
    }

    private List<Conversation> since(int mark) {
        List<Conversation> all = server.conversations();
        return all.subList(mark, all.size());
    }
}
