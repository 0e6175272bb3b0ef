package dev.salvo.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP/2 floor: raw h2c with prior knowledge, no HTTP client. As many connections as the
 * server's SETTINGS_MAX_CONCURRENT_STREAMS requires (read from its first SETTINGS frame), all
 * opened before the release; every stream's HEADERS written ahead without END_STREAM, and read by
 * the server; then one thread writes, per connection, every stream's END_STREAM (an empty DATA
 * frame, 9 bytes) in one {@code write}, connection after connection.
 */
final class RawH2cReference implements Contender {

    /** What a connection writes before its requests: the preface, an empty SETTINGS frame, and the ACK of the server's. */
    private static final int OPENING_BYTES = H2Frames.PREFACE.length + 2 * H2Frames.HEADER_BYTES;

    private final TimestampServer server;

    RawH2cReference(TimestampServer server) {
        this.server = server;
    }

    @Override
    public String mode() {
        return "floor: raw h2c, GET, one write of the ends per connection";
    }

    @Override
    public Outcome burst(URI baseUrl, String burst, int count) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            long acceptedBefore = server.acceptedConnections();
            long readBefore = server.bytesRead();
            long ahead = 0;
            Socket firstSocket = open(baseUrl);
            sockets.add(firstSocket);
            int perConnection = maxConcurrentStreams(firstSocket);
            ahead += OPENING_BYTES;
            int connections = (count + perConnection - 1) / perConnection;
            for (int c = 1; c < connections; c++) {
                Socket socket = open(baseUrl);
                sockets.add(socket);
                maxConcurrentStreams(socket);
                ahead += OPENING_BYTES;
            }
            RawSocketReference.awaitAccepted(server, acceptedBefore + connections);
            byte[][] ends = new byte[connections][];
            int[] streamsOn = new int[connections];
            for (int c = 0; c < connections; c++) {
                ByteArrayOutputStream heads = new ByteArrayOutputStream();
                ByteArrayOutputStream tails = new ByteArrayOutputStream();
                for (int i = c * perConnection; i < Math.min(count, (c + 1) * perConnection); i++) {
                    int stream = 2 * (i - c * perConnection) + 1;
                    heads.write(H2Frames.frame(H2Frames.HEADERS, H2Frames.FLAG_END_HEADERS, stream,
                            H2Frames.requestHeaders("GET", baseUrl.getAuthority(), "/" + burst + "/" + i)));
                    tails.write(H2Frames.endStream(stream));
                    streamsOn[c]++;
                }
                sockets.get(c).getOutputStream().write(heads.toByteArray());
                ahead += heads.size();
                ends[c] = tails.toByteArray();
            }
            server.awaitBytesRead(readBefore + ahead, RawSocketReference.READ_WAIT_MILLIS);
            long first = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                sockets.get(c).getOutputStream().write(ends[c]);
            }
            long last = System.nanoTime();
            int answered = 0;
            for (int c = 0; c < connections; c++) {
                answered += answers(sockets.get(c).getInputStream(), streamsOn[c]);
            }
            return new Outcome(answered, Optional.empty(), Optional.of(Duration.ofNanos(last - first)), Optional.empty());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Opens a connection and writes the client preface and an empty SETTINGS frame. */
    private static Socket open(URI baseUrl) throws IOException {
        Socket socket = RawSocketReference.connect(baseUrl);
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream preface = new ByteArrayOutputStream();
        preface.write(H2Frames.PREFACE);
        preface.write(H2Frames.settings());
        out.write(preface.toByteArray());
        return socket;
    }

    /** Reads up to the server's SETTINGS, acknowledges it and returns its stream limit (unlimited: 100, as RFC 9113 suggests). */
    static int maxConcurrentStreams(Socket socket) throws IOException {
        for (int frames = 0; frames < 16; frames++) {
            H2Frames.Frame frame = H2Frames.read(socket.getInputStream());
            if (frame.type() == H2Frames.SETTINGS && !frame.has(H2Frames.FLAG_ACK)) {
                socket.getOutputStream().write(H2Frames.settingsAck());
                return Math.max(1, frame.setting(H2Frames.SETTINGS_MAX_CONCURRENT_STREAMS, 100));
            }
        }
        throw new IOException("the server sent no SETTINGS frame in its first 16 frames");
    }

    /** Reads frames until {@code streams} responses ended; returns how many had status 200. */
    private static int answers(InputStream in, int streams) throws IOException {
        int ended = 0;
        int ok = 0;
        while (ended < streams) {
            H2Frames.Frame frame = H2Frames.read(in);
            if (frame.type() == H2Frames.HEADERS && frame.has(H2Frames.FLAG_END_STREAM)) {
                ended++;
                if (frame.payload().length == 1 && frame.payload()[0] == H2Frames.STATUS_200) {
                    ok++;
                }
            } else if (frame.type() == H2Frames.GOAWAY || frame.type() == H2Frames.RST_STREAM) {
                ended += frame.type() == H2Frames.GOAWAY ? streams : 1;
            }
        }
        return ok;
    }
}
