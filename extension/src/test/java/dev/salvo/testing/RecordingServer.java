package dev.salvo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server on 127.0.0.1, port 0, made of one thread and one NIO selector, that records every
 * connection it accepts and every read it makes, for tests that check what reached the wire.
 * Subclasses speak a protocol: they are told of each accepted connection and each read, and
 * queue what to answer.
 *
 * <h2>Sweeps: order of arrival without timing</h2>
 *
 * The loop works in <em>sweeps</em>, numbered from 1 for the server's life. A sweep asks the
 * selector which connections hold unread bytes (level-triggered: all that do at that instant),
 * accepts every pending connection and reads what it holds, then reads each selected connection
 * until it has nothing more. When the selector wakes, the loop sweeps again and again until one
 * whole sweep finds nothing; only then does it write the answers queued meanwhile. Every accept
 * and read is stamped with its sweep.
 * Hence, whatever the machine's speed:
 * <ul>
 *   <li>if bytes x were in the kernel before bytes y were read, x were read at the latest in the
 *       sweep after y's ({@code sweep(x) <= sweep(y) + 1}): that next sweep started after y was
 *       read, and reads every connection that held bytes when it started;
 *   <li>so {@code sweep(x) > sweep(y) + 1} proves that x arrived after y was read;
 *   <li>an answer is written only after a sweep that found nothing, so whatever the client does in
 *       reaction to it lands at least two sweeps after the request it answers.
 * </ul>
 * A check "x arrived before y" is therefore stated as {@code sweep(x) <= sweep(y) + 1}: it never
 * fails because this server was slow, and it fails for a client that really sent x after y had
 * arrived (when the server was quick enough to see the difference; a starved server sees a whole
 * burst in one sweep, and proves nothing either way).
 *
 * <p>Bounded everywhere: at most {@value #MAX_OPEN} connections open (more are closed at once and
 * counted), at most {@value #MAX_READS} reads recorded, a bounded wait in {@link #close()}.
 */
public abstract class RecordingServer implements AutoCloseable {

    /** Open connections beyond this are closed as soon as accepted. */
    public static final int MAX_OPEN = 4_096;
    /** Reads beyond this are still processed, but not recorded. */
    public static final int MAX_READS = 200_000;
    private static final int MAX_SWEEPS_PER_WAKE = 100_000;
    private static final long STOP_MILLIS = 5_000;

    /**
     * One read from one connection.
     *
     * @param connection the connection's number, from 1 in order of acceptance
     * @param sequence position among every accept and read of this server, from 1
     * @param sweep the sweep it happened in
     * @param nanoTime {@link System#nanoTime()} right after the read returned
     * @param length bytes read
     */
    public record Read(int connection, long sequence, long sweep, long nanoTime, int length) {}

    /** One accepted connection: what the loop thread keeps for it. */
    protected final class Connection {
        final SocketChannel channel;
        final int id;
        final long acceptedSequence;
        final long acceptedSweep;
        final long acceptedNanos;
        private final Deque<ByteBuffer> output = new ArrayDeque<>();
        private final List<Read> reads = new ArrayList<>();
        private boolean closeWhenFlushed;
        private boolean closed;
        private String closedBy;
        private long idleDeadline = Long.MAX_VALUE;
        /** Whatever the protocol keeps per connection. */
        Object state;

        private Connection(SocketChannel channel, int id, long sequence, long sweep) {
            this.channel = channel;
            this.id = id;
            this.acceptedSequence = sequence;
            this.acceptedSweep = sweep;
            this.acceptedNanos = System.nanoTime();
        }

        public int id() {
            return id;
        }
    }

    /**
     * What a test sees of one connection once the loop has recorded it.
     *
     * @param id number, from 1 in order of acceptance
     * @param acceptedSequence position of the accept among every accept and read
     * @param acceptedSweep sweep of the accept
     * @param reads every recorded read, in order
     * @param closedBy "client", "server" (answered and then idle), "server-limit", "server-unanswered"
     *     (closed on a request it read and did not answer), or null while open
     */
    public record ConnectionLog(int id, long acceptedSequence, long acceptedSweep, List<Read> reads, String closedBy) {

        /** @return bytes read from this connection */
        public long bytes() {
            return reads.stream().mapToLong(Read::length).sum();
        }
    }

    private final String name;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread loop;
    private final Duration idleAfterAnswer;
    private final Object lock = new Object();
    private final Map<Integer, Connection> open = new LinkedHashMap<>();
    private final List<Connection> all = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final byte[] readBytes = new byte[256 * 1024];
    private volatile boolean running = true;
    private volatile Throwable loopFailure;
    private long sequence;
    private long sweep;
    private int recordedReads;
    private int refused;
    private int idleCloses;

    /**
     * @param name shows in the thread name and in messages
     * @param idleAfterAnswer closes a connection idle this long after its last answer was written
     *     (as a server's keep-alive timeout does, without {@code Connection: close}); null for never
     */
    protected RecordingServer(String name, Duration idleAfterAnswer) {
        this.name = name;
        this.idleAfterAnswer = idleAfterAnswer;
        try {
            this.selector = Selector.open();
            this.listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4_096);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a server socket on loopback", e);
        }
        this.loop = new Thread(this::run, "wire-" + name);
        this.loop.setDaemon(true);
    }

    /** Starts the loop; called by the subclass's factory once it is fully built. */
    protected final void startLoop() {
        loop.start();
    }

    public final int port() {
        return listener.socket().getLocalPort();
    }

    public final String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** @return every connection accepted so far, in order, as recorded now */
    public final List<ConnectionLog> connections() {
        synchronized (lock) {
            List<ConnectionLog> logs = new ArrayList<>(all.size());
            for (Connection c : all) {
                logs.add(new ConnectionLog(c.id, c.acceptedSequence, c.acceptedSweep, List.copyOf(c.reads), c.closedBy));
            }
            return logs;
        }
    }

    /** @return connections accepted so far */
    public final int accepted() {
        synchronized (lock) {
            return all.size();
        }
    }

    /** @return connections closed because more than {@value #MAX_OPEN} were open */
    public final int refused() {
        synchronized (lock) {
            return refused;
        }
    }

    /** @return connections this server closed because they stayed idle after an answer */
    public final int idleCloses() {
        synchronized (lock) {
            return idleCloses;
        }
    }

    /** @return reads not recorded because {@value #MAX_READS} were already recorded */
    public final boolean readsTruncated() {
        synchronized (lock) {
            return recordedReads >= MAX_READS;
        }
    }

    /** The lock that guards every record; subclasses hold it while changing theirs. */
    protected final Object lock() {
        return lock;
    }

    /** Called on the loop thread, under the lock, for each accepted connection. */
    protected abstract void opened(Connection connection);

    /**
     * Called on the loop thread, under the lock, for each read.
     *
     * @param bytes a buffer only valid during the call
     * @param length how many bytes of it were read
     */
    protected abstract void received(Connection connection, Read read, byte[] bytes, int length);

    /** Called on the loop thread, under the lock, once all queued output of a connection was written. */
    protected void flushed(Connection connection) {}

    /** Queues bytes to write to the connection once the loop has swept everything it could read. */
    protected final void send(Connection connection, byte[] bytes) {
        connection.output.add(ByteBuffer.wrap(bytes));
    }

    /** Closes the connection once what was queued for it has been written. */
    protected final void closeWhenFlushed(Connection connection) {
        connection.closeWhenFlushed = true;
    }

    /** Closes the connection now, dropping anything queued for it. */
    protected final void closeNow(Connection connection) {
        connection.output.clear();
        close(connection, "server-unanswered");
    }

    private void run() {
        try {
            while (running) {
                selector.select(selectTimeout());
                selector.selectedKeys().clear();
                if (!running) {
                    break;
                }
                synchronized (lock) {
                    for (int sweeps = 0; sweeps < MAX_SWEEPS_PER_WAKE && sweepOnce(); sweeps++) {
                        // sweep again until one whole sweep finds nothing
                    }
                    flushAll();
                    closeIdle();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (running) {
                loopFailure = e;
            }
        } finally {
            synchronized (lock) {
                for (Connection c : List.copyOf(open.values())) {
                    close(c, c.closedBy == null ? "server-stopped" : c.closedBy);
                }
            }
        }
    }

    private long selectTimeout() {
        synchronized (lock) {
            long nearest = Long.MAX_VALUE;
            for (Connection c : open.values()) {
                nearest = Math.min(nearest, c.idleDeadline);
            }
            if (nearest == Long.MAX_VALUE) {
                return 0; // until woken
            }
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nearest - System.nanoTime()) + 1);
        }
    }

    /** @return whether anything was accepted or read */
    private boolean sweepOnce() throws IOException {
        sweep++;
        boolean any = false;
        // Level-triggered readiness: every connection holding unread bytes now is selected now.
        selector.selectNow();
        List<Connection> readable = new ArrayList<>();
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.isValid() && key.isReadable() && key.attachment() instanceof Connection c) {
                readable.add(c);
            }
        }
        selector.selectedKeys().clear();
        SocketChannel accepted;
        while ((accepted = listener.accept()) != null) {
            any = true;
            Connection c = accept(accepted);
            if (c != null) {
                // not among this sweep's selected keys: read what it already holds now
                readAll(c);
            }
        }
        for (Connection c : readable) {
            any |= readAll(c);
        }
        return any;
    }

    /** @return the new connection, or null if it was closed for going over {@value #MAX_OPEN} */
    private Connection accept(SocketChannel channel) throws IOException {
        if (open.size() >= MAX_OPEN) {
            refused++;
            channel.close();
            return null;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(channel, all.size() + 1, ++sequence, sweep);
        all.add(c);
        open.put(c.id, c);
        channel.register(selector, SelectionKey.OP_READ, c);
        opened(c);
        return c;
    }

    private boolean readAll(Connection c) {
        boolean any = false;
        while (!c.closed) {
            int n;
            readBuffer.clear();
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException reset) {
                n = -1;
            }
            if (n == 0) {
                return any;
            }
            any = true;
            if (n < 0) {
                close(c, "client");
                return true;
            }
            c.idleDeadline = Long.MAX_VALUE;
            Read read = new Read(c.id, ++sequence, sweep, System.nanoTime(), n);
            if (recordedReads < MAX_READS) {
                recordedReads++;
                c.reads.add(read);
            }
            readBuffer.flip();
            readBuffer.get(readBytes, 0, n);
            received(c, read, readBytes, n);
        }
        return any;
    }

    private void flushAll() {
        for (Connection c : List.copyOf(open.values())) {
            flush(c);
        }
    }

    private void flush(Connection c) {
        if (c.closed || c.output.isEmpty()) {
            return;
        }
        try {
            while (!c.output.isEmpty()) {
                ByteBuffer head = c.output.peek();
                c.channel.write(head);
                if (head.hasRemaining()) {
                    // the socket buffer is full: go on when it drains
                    c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                c.output.poll();
            }
            c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
        } catch (IOException gone) {
            close(c, "client");
            return;
        }
        flushed(c);
        if (c.closeWhenFlushed) {
            close(c, "server");
        } else if (idleAfterAnswer != null) {
            c.idleDeadline = System.nanoTime() + idleAfterAnswer.toNanos();
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Connection c : List.copyOf(open.values())) {
            if (c.idleDeadline <= now && c.output.isEmpty()) {
                idleCloses++;
                close(c, "server-idle");
            }
        }
    }

    private void close(Connection c, String by) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        c.closedBy = by;
        open.remove(c.id);
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /**
     * Stops the loop, closes every connection and the listening socket, and waits a bounded time
     * for the loop thread to end.
     *
     * @throws IllegalStateException if the loop failed while running, or did not stop in time
     */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException ignored) {
            // best effort; the loop thread has ended or is reported below
        }
        if (loop.isAlive()) {
            throw new IllegalStateException("wire server '" + name + "' did not stop within " + STOP_MILLIS + " ms");
        }
        if (loopFailure != null) {
            throw new IllegalStateException("wire server '" + name + "' failed: " + loopFailure, loopFailure);
        }
    }

    /** @return a short text of every connection and its reads, for failure messages */
    public final String describe() {
        StringBuilder text = new StringBuilder();
        for (ConnectionLog log : connections()) {
            text.append("  connection ").append(log.id()).append(" accepted in sweep ").append(log.acceptedSweep())
                    .append(", reads [sweep:bytes]");
            for (Read read : log.reads()) {
                text.append(' ').append(read.sweep()).append(':').append(read.length());
            }
            text.append(log.closedBy() == null ? "" : ", closed by " + log.closedBy()).append('\n');
        }
        return text.toString();
    }
}
