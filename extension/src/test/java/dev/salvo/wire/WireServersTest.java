package dev.salvo.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.salvo.testing.H2cWireServer;
import dev.salvo.testing.Http1WireServer;
import dev.salvo.testing.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire servers and their checks, driven by hand-written raw-socket clients whose every step
 * waits for the server to have seen the previous one: a client that releases correctly passes
 * each check, and a client that breaks the rule a check states fails it. This is what shows that
 * the checks of the release tests can fail, and fail for the right reason.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireServersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    // ---- HTTP/1.1 ----

    @Test
    void aClientWithholdingEachLastByteUntilEveryConnectionHasItsRestPassesTheLastByteChecks() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-withheld"));
        List<Socket> sockets = connect(server, 10);
        long ahead = 0;
        for (int i = 0; i < sockets.size(); i++) {
            byte[] request = get("/self/" + i);
            write(sockets.get(i), request, 0, request.length - 1);
            ahead += request.length - 1;
        }
        long expected = ahead;
        await().atMost(WAIT).until(() -> bytesRead(server) == expected);
        for (Socket socket : sockets) {
            socket.getOutputStream().write('\n');
        }
        for (Socket socket : sockets) {
            readAnswer(socket);
        }

        Http1Wire.assertOneRequestPerConnection(server, 10);
        Http1Wire.assertOnlyFinalBytesAtTheRelease(server, "self-test, withheld last bytes");
    }

    @Test
    void wholeRequestsFailTheLastByteCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-whole"));
        for (Socket socket : connect(server, 3)) {
            socket.getOutputStream().write(get("/whole"));
            readAnswer(socket);
        }

        Http1Wire.assertOneRequestPerConnection(server, 3);
        assertThatThrownBy(() -> Http1Wire.assertOnlyFinalBytesAtTheRelease(server, "self-test, whole"))
                .hasMessageContaining("more than their last byte still unsent")
                .hasMessageContaining("2 of 3 (0 with a final read of one byte)");
    }

    @Test
    void aRequestStillUnsentWhenAnotherCompletedFailsTheLastByteCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-late"));
        List<Socket> sockets = connect(server, 3);
        byte[] request = get("/late");
        write(sockets.get(0), request, 0, request.length - 1);
        write(sockets.get(1), request, 0, request.length - 1);
        await().atMost(WAIT).until(() -> bytesRead(server) == 2L * (request.length - 1));
        sockets.get(0).getOutputStream().write('\n');
        readAnswer(sockets.get(0));
        sockets.get(1).getOutputStream().write('\n');
        sockets.get(2).getOutputStream().write(request);
        readAnswer(sockets.get(1));
        readAnswer(sockets.get(2));

        assertThatThrownBy(() -> Http1Wire.assertOnlyFinalBytesAtTheRelease(server, "self-test, late"))
                .hasMessageContaining("more than their last byte still unsent")
                .hasMessageContaining("connection 3: GET /late had 0 of its");
    }

    @Test
    void aConnectionCarryingTwoRequestsFailsTheOnePerConnectionCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-reuse"));
        Socket socket = connect(server, 1).get(0);
        socket.getOutputStream().write(get("/first"));
        readAnswer(socket);
        socket.getOutputStream().write(get("/second"));
        readAnswer(socket);

        assertThat(server.requests()).extracting(Http1WireServer.Request::connection).containsExactly(1, 1);
        assertThatThrownBy(() -> Http1Wire.assertOneRequestPerConnection(server, 2))
                .hasMessageContaining("connections that carried more than one request");
    }

    @Test
    void aSpareConnectionFailsTheOnePerConnectionCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-spare"));
        List<Socket> sockets = connect(server, 3);
        await().atMost(WAIT).until(() -> server.accepted() == 3);
        sockets.get(0).getOutputStream().write(get("/one"));
        readAnswer(sockets.get(0));
        sockets.get(1).getOutputStream().write(get("/two"));
        readAnswer(sockets.get(1));

        assertThatThrownBy(() -> Http1Wire.assertOneRequestPerConnection(server, 2))
                .hasMessageContaining("connections opened for 2 requests");
    }

    @Test
    void aConnectionOpenedAfterTheFirstRequestFailsThePreconnectCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-preconnect"));
        Socket first = connect(server, 1).get(0);
        first.getOutputStream().write(get("/first"));
        readAnswer(first);
        Socket second = connect(server, 1).get(0);
        second.getOutputStream().write(get("/second"));
        readAnswer(second);

        Http1Wire.assertOneRequestPerConnection(server, 2);
        assertThatThrownBy(() -> Http1Wire.assertOpenedBeforeAndWhole(server))
                .hasMessageContaining("connections opened after the first request byte arrived");
    }

    @Test
    void aRequestInTwoWritesFailsTheWholeCheck() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-split"));
        Socket socket = connect(server, 1).get(0);
        byte[] request = get("/split");
        write(socket, request, 0, 10);
        await().atMost(WAIT).until(() -> bytesRead(server) == 10);
        write(socket, request, 10, request.length - 10);
        readAnswer(socket);

        assertThatThrownBy(() -> Http1Wire.assertOpenedBeforeAndWhole(server))
                .hasMessageContaining("requests that did not arrive whole in one read");
    }

    @Test
    void aServerWithAKeepAliveTimeoutClosesTheConnectionOnlyOnceItWasIdleThatLong() throws IOException {
        Http1WireServer server = keep(Http1WireServer.start("self-idle", Duration.ofMillis(300)));
        Socket socket = connect(server, 1).get(0);
        socket.getOutputStream().write(get("/idle"));
        readAnswer(socket);
        long answered = System.nanoTime();

        assertThat(socket.getInputStream().read()).as("end of stream once the server closed the idle connection").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        await().atMost(WAIT).until(() -> server.idleCloses() == 1);
        assertThat(server.connections().get(0).closedBy()).isEqualTo("server-idle");
    }

    // ---- HTTP/2 ----

    @Test
    void endsWrittenInOneWriteArriveInOneReadAndPassTheSinglePacketChecks() throws IOException {
        H2cWireServer server = keep(H2cWireServer.start("self-h2-one-write", 100));
        Socket socket = h2Connect(server);
        int streams = 20;
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        ByteArrayOutputStream ends = new ByteArrayOutputStream();
        for (int s = 0; s < streams; s++) {
            headers.writeBytes(headersFrame(2 * s + 1, false));
            ends.writeBytes(endFrame(2 * s + 1));
        }
        socket.getOutputStream().write(headers.toByteArray());
        await().atMost(WAIT).until(() -> frames(server, H2cWireServer.HEADERS) == streams);
        socket.getOutputStream().write(ends.toByteArray());
        readAnswers(socket, streams);

        List<H2cWireServer.Conversation> conversations = server.conversations();
        assertThat(conversations.get(0).endStreamReads()).hasSize(1);
        H2Wire.assertEndsInOneReadPerConnection(conversations, "self-test");
        H2Wire.assertNoHeadersAfterTheFirstEnd(conversations, "self-test");
        H2Wire.assertOpenedBeforeTheFirstEnd(conversations, "self-test");
    }

    @Test
    void endsWrittenOneByOneFailTheOneReadCheck() throws IOException {
        H2cWireServer server = keep(H2cWireServer.start("self-h2-one-by-one", 100));
        Socket socket = h2Connect(server);
        for (int s = 0; s < 3; s++) {
            socket.getOutputStream().write(headersFrame(2 * s + 1, false));
        }
        await().atMost(WAIT).until(() -> frames(server, H2cWireServer.HEADERS) == 3);
        for (int s = 0; s < 3; s++) {
            socket.getOutputStream().write(endFrame(2 * s + 1));
            int ended = s + 1;
            await().atMost(WAIT).until(() -> frames(server, H2cWireServer.DATA) == ended);
        }
        readAnswers(socket, 3);

        assertThatThrownBy(() -> H2Wire.assertEndsInOneReadPerConnection(server.conversations(), "self-test"))
                .hasMessageContaining("connection 1: 3 streams ended over 3 reads");
    }

    @Test
    void headersAfterAnEndFailTheNoHeadersAfterCheck() throws IOException {
        H2cWireServer server = keep(H2cWireServer.start("self-h2-late-headers", 100));
        Socket socket = h2Connect(server);
        socket.getOutputStream().write(headersFrame(1, true));
        readAnswers(socket, 1);
        socket.getOutputStream().write(headersFrame(3, true));
        readAnswers(socket, 1);

        assertThatThrownBy(() -> H2Wire.assertNoHeadersAfterTheFirstEnd(server.conversations(), "self-test"))
                .hasMessageContaining("connection 1: 1 HEADERS frame(s) after its first END_STREAM");
    }

    @Test
    void aConnectionOpenedAfterAnEndFailsTheOpenedBeforeCheck() throws IOException {
        H2cWireServer server = keep(H2cWireServer.start("self-h2-late-connection", 1));
        Socket first = h2Connect(server);
        first.getOutputStream().write(headersFrame(1, true));
        readAnswers(first, 1);
        Socket second = h2Connect(server);
        second.getOutputStream().write(headersFrame(1, true));
        readAnswers(second, 1);

        assertThatThrownBy(() -> H2Wire.assertOpenedBeforeTheFirstEnd(server.conversations(), "self-test"))
                .hasMessageContaining("connection 2: preface in sweep");
    }

    @Test
    void aStreamBeyondTheAnnouncedLimitIsRefused() throws IOException {
        H2cWireServer server = keep(H2cWireServer.start("self-h2-limit", 1));
        Socket socket = h2Connect(server);
        socket.getOutputStream().write(headersFrame(1, false));
        socket.getOutputStream().write(headersFrame(3, false));
        await().atMost(WAIT).until(() -> server.refusedStreams() == 1);
        socket.getOutputStream().write(endFrame(1));
        readAnswers(socket, 1);

        assertThat(server.refusedStreams()).isEqualTo(1);
        assertThat(server.errors()).isEmpty();
    }

    // ---- raw clients ----

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private List<Socket> connect(RecordingServer server, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = keep(new Socket(InetAddress.getLoopbackAddress(), server.port()));
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            sockets.add(socket);
        }
        return sockets;
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(Socket socket, byte[] bytes, int from, int length) throws IOException {
        socket.getOutputStream().write(bytes, from, length);
        socket.getOutputStream().flush();
    }

    /** Reads the server's fixed answer, ending in the two-byte body "ok". */
    private static void readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("\r\n\r\nok")) {
            int b = in.read();
            if (b < 0 || answer.length() > 1_000) {
                throw new IOException("no complete answer: " + answer);
            }
            answer.append((char) b);
        }
        assertThat(answer.toString()).startsWith("HTTP/1.1 200 OK");
    }

    private static long bytesRead(RecordingServer server) {
        return server.connections().stream().mapToLong(RecordingServer.ConnectionLog::bytes).sum();
    }

    private Socket h2Connect(H2cWireServer server) throws IOException {
        Socket socket = connect(server, 1).get(0);
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        hello.writeBytes(frame(H2cWireServer.SETTINGS, 0, 0, new byte[0]));
        socket.getOutputStream().write(hello.toByteArray());
        return socket;
    }

    /** HEADERS for GET http://…/ as three HPACK static-table indexes (the server does not decode them). */
    private static byte[] headersFrame(int stream, boolean endStream) {
        int flags = H2cWireServer.FLAG_END_HEADERS | (endStream ? H2cWireServer.FLAG_END_STREAM : 0);
        return frame(H2cWireServer.HEADERS, flags, stream, new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84});
    }

    private static byte[] endFrame(int stream) {
        return frame(H2cWireServer.DATA, H2cWireServer.FLAG_END_STREAM, stream, new byte[0]);
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    /** Reads frames until {@code answers} HEADERS frames with END_STREAM have come. */
    private static void readAnswers(Socket socket, int answers) throws IOException {
        InputStream in = socket.getInputStream();
        int seen = 0;
        for (int frames = 0; seen < answers; frames++) {
            if (frames > 10_000) {
                throw new IOException("no answers after 10 000 frames");
            }
            byte[] head = in.readNBytes(9);
            if (head.length < 9) {
                throw new IOException("connection closed after " + seen + " answers");
            }
            int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
            in.readNBytes(length);
            if (head[3] == H2cWireServer.HEADERS && (head[4] & H2cWireServer.FLAG_END_STREAM) != 0) {
                seen++;
            }
        }
    }

    private static long frames(H2cWireServer server, int type) {
        return server.conversations().stream().flatMap(c -> c.frames().stream()).filter(f -> f.type() == type).count();
    }
}
