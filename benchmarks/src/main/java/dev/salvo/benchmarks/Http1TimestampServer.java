package dev.salvo.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 {@link TimestampServer} on the {@link NioTimestampServer} loop.
 *
 * <p>A request is complete when its header block ({@code \r\n\r\n}) and its {@code Content-Length}
 * body have been read; it is then recorded with the time of the read that completed it and of the
 * read that brought its first bytes, and answered at once ({@code 200}, body {@code ok}), before
 * the next connection is read, as nginx answers a request as soon as it has it. So a client that
 * puts a second request on a connection whose first answer came back early is seen doing so: the
 * burst then uses fewer connections than requests. Keep-alive and pipelining are supported;
 * chunked request bodies are not (the benchmark sends none).
 */
final class Http1TimestampServer extends NioTimestampServer {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final byte[] OK = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
    private static final byte[] TOO_LARGE = ascii(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private Http1TimestampServer() throws IOException {
        super("timestamp-server-http1");
    }

    static Http1TimestampServer start() throws IOException {
        Http1TimestampServer server = new Http1TimestampServer();
        server.startLoop();
        return server;
    }

    @Override
    Connection connected(SocketChannel channel, SelectionKey key, long id) {
        return new Http1Connection(channel, key, id);
    }

    /** One HTTP/1.1 connection: the time its pending request's first bytes were read. */
    private final class Http1Connection extends Connection {
        private long firstByteNanos;

        Http1Connection(SocketChannel channel, SelectionKey key, long id) {
            super(channel, key, id, MAX_HEAD_BYTES);
        }

        @Override
        void consume(ByteBuffer bytes, long now, long read) {
            if (firstByteNanos == 0 && bytes.hasRemaining()) {
                firstByteNanos = now;
            }
            while (completeRequest(bytes, now, read)) {
                send(OK);
                firstByteNanos = bytes.hasRemaining() ? now : 0;
            }
            if (bytes.remaining() == bytes.capacity()) {
                send(TOO_LARGE); // a header block larger than this server keeps; the benchmark sends none such
                closeAfterFlush();
            }
        }

        /** Consumes one complete request from {@code bytes} and records it; false if none is complete. */
        private boolean completeRequest(ByteBuffer bytes, long now, long read) {
            int start = bytes.position();
            int headEnd = indexOfBlankLine(bytes, start, bytes.limit());
            if (headEnd < 0) {
                return false;
            }
            String head = new String(bytes.array(), start, headEnd - start, StandardCharsets.ISO_8859_1);
            long bodyLength = contentLength(head);
            long requestEnd = headEnd + 4L + Math.max(0, bodyLength);
            if (requestEnd > bytes.limit()) {
                return false;
            }
            arrivals().record(target(head), new Arrivals.Arrival(id, read, firstByteNanos, now));
            bytes.position((int) requestEnd);
            return true;
        }
    }

    /** @return the index of the {@code \r\n\r\n} ending the header block, or -1 */
    static int indexOfBlankLine(ByteBuffer buffer, int from, int to) {
        byte[] bytes = buffer.array();
        for (int i = from; i + 3 < to; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return the request target of a header block: the second word of its request line */
    static String target(String head) {
        int first = head.indexOf(' ');
        int second = head.indexOf(' ', first + 1);
        return first < 0 || second < 0 ? "" : head.substring(first + 1, second);
    }

    /** @return the Content-Length of a header block, 0 if none */
    static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException notANumber) {
                    return 0;
                }
            }
        }
        return 0;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
