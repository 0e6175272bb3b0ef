package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The h2c timestamping server, driven by hand-written frames whose writes are known. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H2cTimestampServerTest {

    private static final long WAIT_MILLIS = 5_000;

    @Test
    void advertisesItsStreamLimitOpensTheWindowAndAcknowledgesSettingsAndPing() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started(7);
                Socket socket = Http1TimestampServerTest.connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(concat(H2Frames.PREFACE, H2Frames.settings()));

            H2Frames.Frame settings = H2Frames.read(in);
            assertThat(settings.type()).isEqualTo(H2Frames.SETTINGS);
            assertThat(settings.has(H2Frames.FLAG_ACK)).isFalse();
            assertThat(settings.setting(H2Frames.SETTINGS_MAX_CONCURRENT_STREAMS, -1)).isEqualTo(7);
            assertThat(settings.setting(H2Frames.SETTINGS_INITIAL_WINDOW_SIZE, -1)).isEqualTo(H2cTimestampServer.STREAM_WINDOW);
            H2Frames.Frame window = H2Frames.read(in);
            assertThat(window.type()).isEqualTo(H2Frames.WINDOW_UPDATE);
            assertThat(window.stream()).isZero();
            assertThat(H2Frames.getInt(window.payload(), 0)).isEqualTo(H2cTimestampServer.CONNECTION_WINDOW - 65_535);
            H2Frames.Frame ack = H2Frames.read(in);
            assertThat(ack.type()).isEqualTo(H2Frames.SETTINGS);
            assertThat(ack.has(H2Frames.FLAG_ACK)).isTrue();

            byte[] opaque = {1, 2, 3, 4, 5, 6, 7, 8};
            out.write(H2Frames.frame(H2Frames.PING, 0, 0, opaque));
            H2Frames.Frame pong = H2Frames.read(in);
            assertThat(pong.type()).isEqualTo(H2Frames.PING);
            assertThat(pong.has(H2Frames.FLAG_ACK)).isTrue();
            assertThat(pong.payload()).containsExactly(opaque);
        }
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started();
                Socket socket = Http1TimestampServerTest.connect(server.baseUrl())) {
            socket.getOutputStream().write(H2Frames.PREFACE);
            assertThat(H2Frames.read(socket.getInputStream()).setting(H2Frames.SETTINGS_MAX_CONCURRENT_STREAMS, -1))
                    .as("the default").isEqualTo(128);
        }
    }

    @Test
    void endsWrittenInOneWriteAreCountedAsOneReadAndEachStreamIsAnswered() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started();
                Socket socket = Http1TimestampServerTest.connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] opening = concat(H2Frames.PREFACE, H2Frames.settings());
            ByteArrayOutputStream heads = new ByteArrayOutputStream();
            ByteArrayOutputStream ends = new ByteArrayOutputStream();
            for (int stream = 1; stream <= 5; stream += 2) {
                heads.write(headers(stream, 0, "/one/" + stream));
                ends.write(H2Frames.endStream(stream));
            }
            out.write(concat(opening, heads.toByteArray()));
            server.awaitBytesRead(opening.length + heads.size(), WAIT_MILLIS);
            assertThat(server.take("one")).as("no stream has ended").isEmpty();

            out.write(ends.toByteArray());

            assertThat(answers(in, 3)).containsExactlyInAnyOrder(1, 3, 5);
            List<Arrivals.Arrival> arrivals = server.take("one");
            assertThat(arrivals).hasSize(3);
            ServerSide seen = ServerSide.of(arrivals);
            assertThat(seen.connections()).isEqualTo(1);
            assertThat(seen.reads()).as("three ends, one write").isEqualTo(1);
            assertThat(seen.spreadMillis()).isZero();
            assertThat(seen.writtenAhead()).isEqualTo(3);
            assertThat(seen.oneReadPerConnection()).isTrue();
        }
    }

    @Test
    void endsWrittenOneAtATimeAreCountedAsSeparateReads() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started();
                Socket socket = Http1TimestampServerTest.connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(concat(H2Frames.PREFACE, H2Frames.settings(), headers(1, 0, "/apart/1"), headers(3, 0, "/apart/3")));
            long beforeFirstEnd = System.nanoTime();
            out.write(H2Frames.endStream(1));
            assertThat(answers(in, 1)).containsExactly(1);
            long beforeSecondEnd = System.nanoTime();
            out.write(H2Frames.endStream(3));
            assertThat(answers(in, 1)).containsExactly(3);

            List<Arrivals.Arrival> arrivals = server.take("apart");
            ServerSide seen = ServerSide.of(arrivals);
            assertThat(seen.reads()).isEqualTo(2);
            assertThat(seen.maxReadsPerConnection()).isEqualTo(2);
            assertThat(seen.oneReadPerConnection()).isFalse();
            assertThat(seen.spreadMillis()).isPositive();
            assertThat(arrivals).extracting(Arrivals.Arrival::completedNanos)
                    .satisfiesExactly(first -> assertThat(first).isBetween(beforeFirstEnd, beforeSecondEnd),
                            second -> assertThat(second).isGreaterThan(beforeSecondEnd));
        }
    }

    @Test
    void completesStreamsEndedByTheirHeadersByDataWithABodyAndByContinuedHeaderBlocks() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started();
                Socket socket = Http1TimestampServerTest.connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] body = new byte[20_000];
            byte[] block = H2Frames.requestHeaders("POST", "localhost", "/kinds/5");
            out.write(concat(H2Frames.PREFACE, H2Frames.settings(),
                    headers(1, H2Frames.FLAG_END_STREAM, "/kinds/1"),
                    headers(3, 0, "/kinds/3"),
                    H2Frames.frame(H2Frames.DATA, 0, 3, Arrays.copyOf(body, H2Frames.MAX_FRAME_PAYLOAD)),
                    H2Frames.frame(H2Frames.DATA, H2Frames.FLAG_END_STREAM, 3,
                            Arrays.copyOfRange(body, H2Frames.MAX_FRAME_PAYLOAD, body.length)),
                    H2Frames.frame(H2Frames.HEADERS, H2Frames.FLAG_END_STREAM, 5, Arrays.copyOf(block, 4)),
                    H2Frames.frame(H2Frames.CONTINUATION, H2Frames.FLAG_END_HEADERS, 5,
                            Arrays.copyOfRange(block, 4, block.length))));

            assertThat(answers(in, 3)).containsExactlyInAnyOrder(1, 3, 5);
            assertThat(server.take("kinds")).hasSize(3);
        }
    }

    @Test
    void salvosHttp2BurstIsAnsweredAndEveryStreamIsStampedUnderItsPath() {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started()) {
            Responses responses = Burst.of(4)
                    .baseUrl(server.baseUrl())
                    .protocol(Protocol.HTTP_2)
                    .release(Release.LAST_BYTE)
                    .timeout(Duration.ofSeconds(10))
                    .prepare(i -> RequestSpec.get("/salvo/" + i))
                    .fire();

            assertThat(responses.statusCounts()).containsExactly(Map.entry(200, 4L));
            assertThat(server.take("salvo")).hasSize(4);
        }
    }

    /** A HEADERS frame for a GET of {@code path}, with END_HEADERS and the given flags. */
    private static byte[] headers(int stream, int flags, String path) {
        return H2Frames.frame(H2Frames.HEADERS, H2Frames.FLAG_END_HEADERS | flags, stream,
                H2Frames.requestHeaders("GET", "localhost", path));
    }

    /** Reads frames until {@code count} answers ended; returns their stream ids, checking each is a bare 200. */
    private static List<Integer> answers(InputStream in, int count) throws IOException {
        List<Integer> streams = new ArrayList<>();
        while (streams.size() < count) {
            H2Frames.Frame frame = H2Frames.read(in);
            if (frame.type() == H2Frames.HEADERS) {
                assertThat(frame.has(H2Frames.FLAG_END_STREAM)).isTrue();
                assertThat(frame.payload()).containsExactly(H2Frames.STATUS_200);
                streams.add(frame.stream());
            }
        }
        return streams;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
