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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop every {@link TimestampServer} shares: raw NIO, one thread, one selector, no framework
 * between the socket and the clock. A protocol supplies only what a connection does with the
 * bytes it read ({@link Connection#consume}).
 *
 * <p>Each turn of the loop reads every readable connection; each read takes
 * {@code System.nanoTime()} right after it returns and gets a number of its own, and every request
 * it completes is recorded with both and answered at once, in the same turn, as nginx does. New
 * connections are accepted after the reads, so that accepting does not delay the stamps of
 * requests already waiting in socket buffers. The listen backlog is {@value #BACKLOG}.
 *
 * <p>What it cannot hide: one thread reads the connections one after the other, so a batch of
 * requests that arrive in the same instant is stamped over the time it takes to read them all
 * (a few microseconds each), and on a machine with few cores the server thread competes with the
 * client for CPU.
 */
abstract class NioTimestampServer implements TimestampServer {

    static final int BACKLOG = 4096;
    private static final long STOP_MILLIS = 5_000;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final URI baseUrl;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile long bytesRead;
    private long reads;

    NioTimestampServer(String name) throws IOException {
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
        this.baseUrl = URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort());
        this.loop = new Thread(this::serve, name);
        this.loop.setDaemon(true);
    }

    /** Starts the loop; called once, by the factory method, after construction. */
    final void startLoop() {
        loop.start();
    }

    /** A new connection's protocol state; it may queue a server preface with {@link Connection#send}. */
    abstract Connection connected(SocketChannel channel, SelectionKey key, long id);

    @Override
    public final URI baseUrl() {
        return baseUrl;
    }

    @Override
    public final List<Arrivals.Arrival> take(String burst) {
        return arrivals.take(burst);
    }

    @Override
    public final int openConnections() {
        return open.get();
    }

    @Override
    public final long acceptedConnections() {
        return accepted.get();
    }

    @Override
    public final long bytesRead() {
        return bytesRead;
    }

    final Arrivals arrivals() {
        return arrivals;
    }

    private void serve() {
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
                    if (key.isReadable()) {
                        connection.read();
                    }
                    if (key.isValid() && key.isWritable()) {
                        connection.flush();
                    }
                }
                if (accept) {
                    acceptAll();
                }
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
            open.incrementAndGet();
            long id = accepted.incrementAndGet();
            Connection connection = connected(channel, key, id);
            key.attach(connection);
            connection.flush();
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
            key.attach(null);
            open.decrementAndGet();
        }
    }

    @Override
    public final void close() {
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

    /** One accepted connection: its input buffer and what is left to write. Used by the loop thread only. */
    abstract class Connection {
        final long id;
        private final SocketChannel channel;
        private final SelectionKey key;
        private final ByteBuffer in;
        private ByteBuffer out = ByteBuffer.allocate(512).limit(0);
        private boolean closeAfterFlush;

        Connection(SocketChannel channel, SelectionKey key, long id, int bufferBytes) {
            this.channel = channel;
            this.key = key;
            this.id = id;
            this.in = ByteBuffer.allocate(bufferBytes);
        }

        /**
         * Consumes what it can of the bytes read so far, records each request it completes and
         * queues its answer with {@link #send}.
         *
         * @param bytes the unconsumed input, in read mode; leave what is not consumed
         * @param now {@code System.nanoTime()} right after the read
         * @param read the read's number
         */
        abstract void consume(ByteBuffer bytes, long now, long read);

        /** Reads what is there, stamps it, lets the protocol consume it and writes what it queued. */
        final void read() {
            int count;
            try {
                count = channel.read(in);
            } catch (IOException reset) {
                count = -1;
            }
            long now = System.nanoTime();
            if (count < 0) {
                closeQuietly(key);
                return;
            }
            bytesRead = bytesRead + count; // the loop thread is the only writer
            long read = ++reads;
            in.flip();
            consume(in, now, read);
            in.compact();
            if (!in.hasRemaining()) {
                closeAfterFlush(); // a message larger than this server keeps; the benchmark sends none such
            }
            flush();
        }

        /** Queues bytes to write; they go out at the end of this read, or when the socket takes them. */
        final void send(byte[] bytes) {
            if (out.capacity() - out.limit() < bytes.length) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(out.remaining() + bytes.length, 2 * out.capacity()));
                larger.put(out);
                larger.flip();
                out = larger;
            }
            int position = out.position();
            out.position(out.limit());
            out.limit(out.limit() + bytes.length);
            out.put(bytes);
            out.position(position);
        }

        /** Closes the connection once everything queued is written. */
        final void closeAfterFlush() {
            closeAfterFlush = true;
        }

        final void flush() {
            if (!key.isValid()) {
                return;
            }
            try {
                channel.write(out);
            } catch (IOException reset) {
                closeQuietly(key);
                return;
            }
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else if (closeAfterFlush) {
                closeQuietly(key);
            } else {
                out.clear().limit(0);
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }
}
