package dev.salvo.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 {@link TimestampServer} on raw NIO: one thread, one selector, no framework between
 * the socket and the clock.
 *
 * <p>Each turn of its loop first reads every readable connection and, for each request whose
 * header block ({@code \r\n\r\n}) and {@code Content-Length} body are complete, notes
 * {@code System.nanoTime()} taken right after the {@code read} that completed it. Only then does it
 * accept new connections and write the answers ({@code 200}, body {@code ok}), so that neither
 * delays the timestamps of requests already waiting in the socket buffers. The listen backlog is
 * {@value #BACKLOG}, and keep-alive and pipelining are supported; chunked request bodies are not
 * (the benchmark sends none).
 *
 * <p>What it cannot hide: one thread reads the connections one after the other, so a batch of
 * requests that arrive in the same instant is stamped over the time it takes to read them all
 * (a few microseconds each), and on a machine with few cores the server thread competes with the
 * client for CPU.
 */
final class Http1TimestampServer implements TimestampServer {

    static final int BACKLOG = 4096;
    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final long STOP_MILLIS = 5_000;
    private static final byte[] OK = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
    private static final byte[] TOO_LARGE = ascii(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final URI baseUrl;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread loop;
    private volatile boolean running = true;

    private Http1TimestampServer(ServerSocketChannel listener, Selector selector) throws IOException {
        this.listener = listener;
        this.selector = selector;
        this.baseUrl = URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        this.loop = new Thread(this::serve, "timestamp-server-http1");
        this.loop.setDaemon(true);
    }

    static Http1TimestampServer start() throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            Http1TimestampServer server = new Http1TimestampServer(listener, selector);
            server.loop.start();
            return server;
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public List<Long> take(String burst) {
        return arrivals.take(burst);
    }

    @Override
    public int openConnections() {
        return open.get();
    }

    @Override
    public long acceptedConnections() {
        return accepted.get();
    }

    private void serve() {
        List<Connection> answering = new ArrayList<>();
        try {
            while (running) {
                selector.select(100);
                boolean accept = false;
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept = true;
                        continue;
                    }
                    Connection connection = (Connection) key.attachment();
                    if (key.isReadable() && connection.read()) {
                        answering.add(connection);
                    } else if (key.isValid() && key.isWritable()) {
                        connection.flush();
                    }
                }
                if (accept) {
                    acceptAll();
                }
                for (Connection connection : answering) {
                    connection.answer();
                }
                answering.clear();
            }
        } catch (IOException | RuntimeException broken) {
            if (running) {
                System.err.println("timestamp server stopped: " + broken);
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new Connection(channel, key));
            open.incrementAndGet();
            accepted.incrementAndGet();
        }
    }

    private void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (key.attachment() instanceof Connection) {
            open.decrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            System.err.println("timestamp server thread did not stop within " + STOP_MILLIS + " ms");
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            System.err.println("timestamp server did not close cleanly: " + e);
        }
    }

    /** One accepted connection: its input buffer, the answers it owes, and what is left to write. */
    private final class Connection {
        private final SocketChannel channel;
        private final SelectionKey key;
        private final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD_BYTES);
        private ByteBuffer out = ByteBuffer.allocate(0);
        private int owed;
        private boolean closeAfterAnswer;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }

        /** Reads what is there and stamps every request it completes; true if answers are owed. */
        boolean read() {
            int read;
            try {
                read = channel.read(in);
            } catch (IOException reset) {
                read = -1;
            }
            long now = System.nanoTime();
            if (read < 0) {
                closeQuietly(key);
                return false;
            }
            int before = owed;
            in.flip();
            while (completeRequest(now)) {
                owed++;
            }
            in.compact();
            if (!in.hasRemaining() && owed == before) {
                closeAfterAnswer = true; // a header block larger than the buffer
            }
            return owed > 0 || closeAfterAnswer;
        }

        /** Consumes one complete request from {@code in} (in read mode) and records it. */
        private boolean completeRequest(long now) {
            int start = in.position();
            int headEnd = indexOfBlankLine(in, start, in.limit());
            if (headEnd < 0) {
                return false;
            }
            String head = new String(in.array(), start, headEnd - start, StandardCharsets.ISO_8859_1);
            long bodyLength = contentLength(head);
            int requestEnd = headEnd + 4;
            if (bodyLength > 0) {
                if (requestEnd + bodyLength > in.limit()) {
                    if (requestEnd + bodyLength - start > in.capacity()) {
                        closeAfterAnswer = true; // larger than this server keeps; the benchmark sends none such
                    }
                    return false;
                }
                requestEnd += (int) bodyLength;
            }
            arrivals.record(target(head), now);
            in.position(requestEnd);
            return true;
        }

        /** Writes every owed answer; what the socket does not take now goes out when it is writable. */
        void answer() {
            byte[] answer = closeAfterAnswer && owed == 0 ? TOO_LARGE : OK;
            int count = Math.max(owed, 1);
            ByteBuffer batch = ByteBuffer.allocate(out.remaining() + count * answer.length);
            batch.put(out);
            for (int i = 0; i < count; i++) {
                batch.put(answer);
            }
            batch.flip();
            out = batch;
            owed = 0;
            flush();
        }

        void flush() {
            try {
                channel.write(out);
            } catch (IOException reset) {
                closeQuietly(key);
                return;
            }
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else if (closeAfterAnswer) {
                closeQuietly(key);
            } else if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
