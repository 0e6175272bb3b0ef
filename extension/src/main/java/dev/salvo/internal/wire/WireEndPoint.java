package dev.salvo.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritePendingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket end point that the release step can steer below Jetty's protocol code. Not API.
 *
 * <ul>
 *   <li><b>Hold</b> (HTTP/1.1): once {@linkplain #holdEnd armed}, every byte of the one request
 *       this connection carries is written except its final byte, which waits in this end point;
 *       Jetty's write of it stays pending. {@link #writeHeld()} writes that byte (the release), and
 *       {@link #completeHeld()} lets Jetty see its write complete. The request's end is found by
 *       reading the bytes Jetty writes: the header block ends at the first empty line, and the
 *       body has the length the request declared, or, framed in chunks, ends with its last
 *       chunk.</li>
 *   <li><b>Cork</b> (HTTP/2): while {@linkplain #cork() corked}, whatever Jetty writes is kept
 *       here and reported written; {@link #uncork()} writes it all in one call, so the frames
 *       queued during the release leave in one TCP segment (up to the segment size).</li>
 * </ul>
 */
public final class WireEndPoint extends SocketChannelEndPoint {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final SocketChannel channel;
    private final Object lock = new Object();

    // Hold: written only by the thread that flushes (Jetty's write flusher admits one at a time),
    // and by the releasing thread while that write is pending.
    private long written;
    private long scanned;
    private int headerEndMatch;
    private ByteArrayOutputStream head;
    private ChunkedEnd chunks;
    private long end = -1;
    private long bodyLength = -1;
    private CompletableFuture<Void> heldSignal;
    private volatile int held = -1;
    private volatile boolean holding;

    // Answer read ahead by the release step, handed to Jetty by the next fill
    private ByteBuffer readAhead;
    private boolean endOfInput;
    private final Scheduler scheduler;

    // Cork
    private ByteArrayOutputStream corked;
    private ByteBuffer uncorkedRest;
    private int releaseWrites;
    private final ManagedSelector selector;

    WireEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
        this.selector = selector;
        this.channel = channel;
        this.scheduler = scheduler;
    }

    /**
     * Arms the hold for the one request this connection is about to carry. Call before the
     * request is handed to the connection, and at most once.
     *
     * @param requestBodyLength the length of the request's body, 0 for none
     * @return completes once everything but the request's final byte was written, or fails when
     *     the connection failed first
     */
    public CompletableFuture<Void> holdEnd(long requestBodyLength) {
        synchronized (lock) {
            if (written != 0 || holding) {
                throw new IllegalStateException("the hold must be armed before the connection writes");
            }
            bodyLength = requestBodyLength;
            head = new ByteArrayOutputStream(256);
            heldSignal = new CompletableFuture<>();
            holding = true;
            return heldSignal;
        }
    }

    /**
     * Writes the held final byte: the release of this connection's request. One write call.
     *
     * @return whether the byte went out; if the socket could not take it, it goes out with
     *     {@link #completeHeld()} as soon as the socket can
     */
    public boolean writeHeld() throws IOException {
        int last = held;
        if (last < 0) {
            return false;
        }
        holding = false;
        int n = channel.write(ByteBuffer.wrap(new byte[] {(byte) last}));
        if (n == 1) {
            held = -1;
            releaseWrites++;
            return true;
        }
        return false;
    }

    /**
     * Looks, without waiting, whether the server has already answered on this connection: reads
     * the first byte that has arrived, if any, and keeps it for Jetty's next fill. Called just before the release, so
     * that an answer that came before it is known as such however late Jetty would read it.
     *
     * @return whether any answer, or the end of the connection, had arrived
     */
    public boolean answered() throws IOException {
        synchronized (lock) {
            if (readAhead != null || endOfInput) {
                return true;
            }
            ByteBuffer into = ByteBuffer.allocate(1); // one byte tells; the rest stays for Jetty's own read
            int n = channel.read(into);
            if (n == 0) {
                return false;
            }
            if (n < 0) {
                endOfInput = true; // the next fill reads the end again from the socket
            } else {
                readAhead = into.flip();
            }
        }
        handToJetty();
        return true;
    }

    /** Lets Jetty's reader take what was read ahead, off the calling thread: the selector will not wake for it. */
    private void handToJetty() {
        scheduler.schedule(() -> getFillInterest().fillable(), 0, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void needsFillInterest() {
        super.needsFillInterest();
        boolean waiting;
        synchronized (lock) {
            waiting = readAhead != null;
        }
        if (waiting) {
            handToJetty();
        }
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        synchronized (lock) {
            if (readAhead != null) {
                int position = BufferUtil.flipToFill(buffer);
                int n = Math.min(buffer.remaining(), readAhead.remaining());
                buffer.put(readAhead.slice(readAhead.position(), n));
                readAhead.position(readAhead.position() + n);
                BufferUtil.flipToFlush(buffer, position);
                if (!readAhead.hasRemaining()) {
                    readAhead = null;
                }
                return n;
            }
            // The socket is read under the lock, as answered() reads it: otherwise a byte answered()
            // takes while this read is under way would reach Jetty after the bytes that follow it.
            return super.fill(buffer);
        }
    }

    /** Tells Jetty that its pending write of the request completed (after {@link #writeHeld()}). */
    public void completeHeld() {
        holding = false;
        getWriteFlusher().completeWrite();
    }

    /** Starts keeping every write here, until {@link #uncork()}. */
    public void cork() {
        synchronized (lock) {
            if (corked == null) {
                corked = new ByteArrayOutputStream(1024);
            }
        }
    }

    /**
     * Writes everything kept since {@link #cork()} in one write call; what the socket could not
     * take at once goes out as it can, before anything written later.
     *
     * @return the number of bytes the one write call put on the wire
     */
    public int uncork() throws IOException {
        int n;
        synchronized (lock) {
            if (corked == null) {
                return 0;
            }
            ByteBuffer all = ByteBuffer.wrap(corked.toByteArray());
            corked = null;
            if (!all.hasRemaining()) {
                return 0;
            }
            n = channel.write(all);
            releaseWrites++;
            if (!all.hasRemaining()) {
                return n;
            }
            uncorkedRest = all;
        }
        try {
            // Jetty's writer is idle (every corked write reported done), so this write drains the rest.
            getWriteFlusher().write(Callback.NOOP, BufferUtil.EMPTY_BUFFER);
        } catch (WritePendingException writing) {
            // A write of Jetty's is under way; its flush drains the rest first.
        }
        return n;
    }

    /**
     * Closes this connection once its one exchange has ended, with a reset rather than a
     * handshake: the answer is complete, the server has nothing more to say, and a connection
     * used once must not leave a socket in TIME_WAIT behind on this side for every request
     * (thousands per burst would crowd the local ports and slow every new connection).
     */
    public void closeUsed() {
        try {
            channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // closes gracefully instead
        }
        close();
    }

    /** @return the selector that watches this connection for Jetty */
    ManagedSelector selector() {
        return selector;
    }

    /** @return the write calls the release made on this connection (held bytes and uncorks) */
    public int releaseWrites() {
        return releaseWrites;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        synchronized (lock) {
            if (uncorkedRest != null) {
                channel.write(uncorkedRest);
                if (uncorkedRest.hasRemaining()) {
                    return false;
                }
                uncorkedRest = null;
            }
            if (corked != null) {
                for (ByteBuffer buffer : buffers) {
                    if (buffer.hasRemaining()) {
                        byte[] copy = new byte[buffer.remaining()];
                        buffer.get(copy);
                        corked.writeBytes(copy);
                    }
                }
                return true;
            }
            if (held >= 0 && !holding) {
                // released, but the socket could not take the byte then
                if (channel.write(ByteBuffer.wrap(new byte[] {(byte) held})) == 0) {
                    return false;
                }
                held = -1;
            }
            if (!holding || held >= 0) {
                return holding ? false : countedFlush(buffers);
            }
            return holdingFlush(buffers);
        }
    }

    private boolean countedFlush(ByteBuffer... buffers) throws IOException {
        long before = BufferUtil.remaining(buffers);
        boolean all = super.flush(buffers);
        written += before - BufferUtil.remaining(buffers);
        return all;
    }

    /** Writes up to, not including, the request's final byte, then keeps that byte. */
    private boolean holdingFlush(ByteBuffer... buffers) throws IOException {
        if (end < 0) {
            findEnd(buffers);
        }
        if (end < 0) {
            return countedFlush(buffers); // the final byte is not among these bytes
        }
        long allowed = end - 1 - written;
        long presented = BufferUtil.remaining(buffers);
        if (allowed > 0) {
            long take = Math.min(allowed, presented);
            ByteBuffer[] ahead = limited(buffers, take);
            long wrote = channel.write(ahead);
            advance(buffers, wrote);
            written += wrote;
            if (wrote < take) {
                return false; // the socket is full: Jetty waits for it as usual
            }
            if (presented <= allowed) {
                return true; // the final byte comes in a later write (after a 100 Continue, say)
            }
        }
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                held = buffer.get() & 0xFF;
                written++;
                return false; // Jetty's write stays pending until the release
            }
        }
        return true; // nothing presented this time
    }

    @Override
    protected void onIncompleteFlush() {
        CompletableFuture<Void> signal;
        synchronized (lock) {
            if (!(holding && held >= 0)) {
                signal = null;
            } else {
                signal = heldSignal;
            }
        }
        if (signal == null) {
            super.onIncompleteFlush();
        } else {
            signal.complete(null); // the pending write waits for the release, not for the socket
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        CompletableFuture<Void> signal = heldSignal;
        if (signal != null) {
            signal.completeExceptionally(cause != null ? cause : new IOException("connection closed"));
        }
    }

    /**
     * Scans newly presented bytes for the request's end: the end of the header block, then the
     * body's length past it, or, for a chunked body, the end of its last chunk.
     */
    private void findEnd(ByteBuffer... buffers) {
        long offset = written;
        for (ByteBuffer buffer : buffers) {
            int from = buffer.position();
            long start = offset;
            offset += buffer.remaining();
            int i = from + (int) Math.min(buffer.remaining(), Math.max(0, scanned - start));
            while (i < buffer.limit() && end < 0) {
                if (chunks != null) {
                    int past = chunks.scan(buffer, i, buffer.limit());
                    i = past < 0 ? buffer.limit() : past;
                    if (past >= 0) {
                        end = start + (past - from);
                    }
                } else {
                    byte b = buffer.get(i++);
                    head.write(b);
                    headerEndMatch = b == HEADER_END[headerEndMatch] ? headerEndMatch + 1 : (b == '\r' ? 1 : 0);
                    if (headerEndMatch == HEADER_END.length) {
                        if (ChunkedEnd.isChunked(head.toByteArray())) {
                            chunks = new ChunkedEnd();
                        } else {
                            end = start + (i - from) + bodyLength;
                        }
                        head = null;
                    }
                }
                scanned = start + (i - from);
            }
            if (end >= 0) {
                return;
            }
        }
    }

    private static ByteBuffer[] limited(ByteBuffer[] buffers, long limit) {
        ByteBuffer[] views = new ByteBuffer[buffers.length];
        long left = limit;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer view = buffers[i].duplicate();
            int take = (int) Math.min(view.remaining(), left);
            view.limit(view.position() + take);
            left -= take;
            views[i] = view;
        }
        return views;
    }

    private static void advance(ByteBuffer[] buffers, long count) {
        long left = count;
        for (ByteBuffer buffer : buffers) {
            int step = (int) Math.min(buffer.remaining(), left);
            buffer.position(buffer.position() + step);
            left -= step;
        }
    }
}
