package dev.salvo.benchmarks;

import static dev.salvo.benchmarks.H2Frames.CONTINUATION;
import static dev.salvo.benchmarks.H2Frames.DATA;
import static dev.salvo.benchmarks.H2Frames.FLAG_ACK;
import static dev.salvo.benchmarks.H2Frames.FLAG_END_HEADERS;
import static dev.salvo.benchmarks.H2Frames.FLAG_END_STREAM;
import static dev.salvo.benchmarks.H2Frames.FLAG_PADDED;
import static dev.salvo.benchmarks.H2Frames.FLAG_PRIORITY;
import static dev.salvo.benchmarks.H2Frames.GOAWAY;
import static dev.salvo.benchmarks.H2Frames.HEADERS;
import static dev.salvo.benchmarks.H2Frames.HEADER_BYTES;
import static dev.salvo.benchmarks.H2Frames.PING;
import static dev.salvo.benchmarks.H2Frames.SETTINGS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * An h2c {@link TimestampServer} (HTTP/2 over cleartext TCP with prior knowledge) on the
 * {@link NioTimestampServer} loop, with frames built by hand and header blocks decoded by Jetty's
 * HPACK decoder.
 *
 * <p>A stream is complete when a frame with END_STREAM arrives for it (the HEADERS frame of a
 * request without a withheld end, or its final DATA frame). It is recorded with the time and the
 * number of the read that brought that frame, so the reads a release took are counted exactly:
 * if every stream end of a connection came in one read, they share one read number. Each stream
 * is answered at once with one HEADERS frame, {@code :status 200} (HPACK static index 8) and
 * END_STREAM.
 *
 * <p>It sends its SETTINGS on accept, advertising SETTINGS_MAX_CONCURRENT_STREAMS (configurable,
 * {@value #DEFAULT_MAX_CONCURRENT_STREAMS} by default) and a stream window of
 * {@value #STREAM_WINDOW} bytes, and opens the connection's window to {@value #CONNECTION_WINDOW}
 * bytes with a WINDOW_UPDATE, which it renews when half is used. It acknowledges SETTINGS and
 * PING, and closes the connection after a GOAWAY. It does not enforce its own stream limit, does
 * not push, and ignores priorities and resets.
 */
final class H2cTimestampServer extends NioTimestampServer {

    static final int DEFAULT_MAX_CONCURRENT_STREAMS = 128;
    static final int STREAM_WINDOW = 1 << 20;
    static final int CONNECTION_WINDOW = 16 << 20;
    private static final int DEFAULT_WINDOW = 65_535;
    private static final int BUFFER_BYTES = 128 * 1024;
    private static final int MAX_HEADER_LIST_BYTES = 64 * 1024;

    private final int maxConcurrentStreams;

    private H2cTimestampServer(int maxConcurrentStreams) throws IOException {
        super("timestamp-server-h2c");
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    /**
     * @param maxConcurrentStreams what to advertise in SETTINGS_MAX_CONCURRENT_STREAMS, at least 1
     */
    static H2cTimestampServer start(int maxConcurrentStreams) throws IOException {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("SETTINGS_MAX_CONCURRENT_STREAMS must be at least 1, was " + maxConcurrentStreams);
        }
        H2cTimestampServer server = new H2cTimestampServer(maxConcurrentStreams);
        server.startLoop();
        return server;
    }

    @Override
    Connection connected(SocketChannel channel, SelectionKey key, long id) {
        H2cConnection connection = new H2cConnection(channel, key, id);
        connection.send(H2Frames.settings(H2Frames.SETTINGS_MAX_CONCURRENT_STREAMS, maxConcurrentStreams,
                H2Frames.SETTINGS_INITIAL_WINDOW_SIZE, STREAM_WINDOW));
        connection.send(H2Frames.windowUpdate(0, CONNECTION_WINDOW - DEFAULT_WINDOW));
        return connection;
    }

    /** An open stream: its path once its headers are decoded, and when they were read. */
    private static final class Stream {
        String path = "";
        long firstByteNanos;
        long received;
    }

    /** One h2c connection: preface, HPACK state, open streams, a header block being continued. */
    private final class H2cConnection extends Connection {
        private final HpackDecoder hpack = new HpackDecoder(MAX_HEADER_LIST_BYTES, System::nanoTime);
        private final Map<Integer, Stream> streams = new HashMap<>();
        private boolean prefaceRead;
        private ByteArrayOutputStream continued;
        private int continuedStream;
        private boolean continuedEndsStream;
        private long consumedSinceUpdate;
        private boolean goingAway;

        H2cConnection(SocketChannel channel, SelectionKey key, long id) {
            super(channel, key, id, BUFFER_BYTES);
        }

        @Override
        void consume(ByteBuffer bytes, long now, long read) {
            if (!prefaceRead) {
                if (bytes.remaining() < H2Frames.PREFACE.length) {
                    return;
                }
                byte[] preface = new byte[H2Frames.PREFACE.length];
                bytes.get(preface);
                if (!Arrays.equals(preface, H2Frames.PREFACE)) {
                    goAway();
                    return;
                }
                prefaceRead = true;
            }
            while (!goingAway && bytes.remaining() >= HEADER_BYTES) {
                int start = bytes.position();
                int length = (bytes.get(start) & 0xff) << 16 | (bytes.get(start + 1) & 0xff) << 8 | bytes.get(start + 2) & 0xff;
                if (length > H2Frames.MAX_FRAME_PAYLOAD) {
                    goAway();
                    return;
                }
                if (bytes.remaining() < HEADER_BYTES + length) {
                    return;
                }
                int type = bytes.get(start + 3) & 0xff;
                int flags = bytes.get(start + 4) & 0xff;
                int stream = bytes.getInt(start + 5) & 0x7fff_ffff;
                byte[] payload = new byte[length];
                bytes.position(start + HEADER_BYTES);
                bytes.get(payload);
                frame(type, flags, stream, payload, now, read);
            }
        }

        private void frame(int type, int flags, int stream, byte[] payload, long now, long read) {
            switch (type) {
                case HEADERS -> headers(flags, stream, payload, now, read);
                case CONTINUATION -> continuation(flags, stream, payload, now, read);
                case DATA -> data(flags, stream, payload, now, read);
                case SETTINGS -> {
                    if ((flags & FLAG_ACK) == 0) {
                        send(H2Frames.settingsAck());
                    }
                }
                case PING -> {
                    if ((flags & FLAG_ACK) == 0) {
                        send(H2Frames.frame(PING, FLAG_ACK, 0, payload));
                    }
                }
                case GOAWAY -> goAway();
                default -> {
                    // PRIORITY, RST_STREAM, WINDOW_UPDATE and unknown types need nothing from this server
                }
            }
        }

        private void headers(int flags, int stream, byte[] payload, long now, long read) {
            int from = 0;
            int padding = 0;
            if ((flags & FLAG_PADDED) != 0) {
                padding = payload[0] & 0xff;
                from = 1;
            }
            if ((flags & FLAG_PRIORITY) != 0) {
                from += 5;
            }
            Stream opened = new Stream();
            opened.firstByteNanos = now;
            streams.put(stream, opened);
            continued = new ByteArrayOutputStream();
            continued.write(payload, from, Math.max(0, payload.length - from - padding));
            continuedStream = stream;
            continuedEndsStream = (flags & FLAG_END_STREAM) != 0;
            if ((flags & FLAG_END_HEADERS) != 0) {
                headerBlockDone(now, read);
            }
        }

        private void continuation(int flags, int stream, byte[] payload, long now, long read) {
            if (continued == null || stream != continuedStream) {
                goAway();
                return;
            }
            continued.write(payload, 0, payload.length);
            if ((flags & FLAG_END_HEADERS) != 0) {
                headerBlockDone(now, read);
            }
        }

        private void headerBlockDone(long now, long read) {
            Stream stream = streams.get(continuedStream);
            try {
                MetaData metaData = hpack.decode(ByteBuffer.wrap(continued.toByteArray()));
                if (metaData instanceof MetaData.Request request && request.getHttpURI() != null) {
                    stream.path = request.getHttpURI().getPath();
                }
            } catch (HpackException.SessionException | HpackException.StreamException undecodable) {
                goAway();
                return;
            } finally {
                continued = null;
            }
            if (continuedEndsStream) {
                complete(continuedStream, stream, now, read);
            }
        }

        private void data(int flags, int stream, byte[] payload, long now, long read) {
            Stream open = streams.get(stream);
            consumedSinceUpdate += payload.length;
            if (consumedSinceUpdate >= CONNECTION_WINDOW / 2) {
                send(H2Frames.windowUpdate(0, (int) consumedSinceUpdate));
                consumedSinceUpdate = 0;
            }
            if (open == null) {
                return; // a stream this server already answered, or never saw
            }
            open.received += payload.length;
            if ((flags & FLAG_END_STREAM) != 0) {
                complete(stream, open, now, read);
            } else if (open.received >= STREAM_WINDOW / 2) {
                send(H2Frames.windowUpdate(stream, (int) open.received));
                open.received = 0;
            }
        }

        private void complete(int id, Stream stream, long now, long read) {
            streams.remove(id);
            arrivals().record(stream.path, new Arrivals.Arrival(this.id, read, stream.firstByteNanos, now));
            send(H2Frames.frame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, id, new byte[] {H2Frames.STATUS_200}));
        }

        private void goAway() {
            goingAway = true;
            closeAfterFlush();
        }
    }
}
