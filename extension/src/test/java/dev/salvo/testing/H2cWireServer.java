package dev.salvo.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A raw HTTP/2 server over cleartext with prior knowledge (h2c), built from hand-made frames,
 * that records every read and every frame per connection (see {@link RecordingServer} for
 * sweeps). It reads the client preface, sends its SETTINGS with a chosen
 * SETTINGS_MAX_CONCURRENT_STREAMS, acknowledges the client's SETTINGS and PINGs, gives back
 * flow-control credit for every DATA byte, and answers each stream as soon as its END_STREAM
 * arrives with one HEADERS frame: {@code :status 200} (HPACK static index 8) and END_STREAM.
 * Header blocks are not decoded.
 *
 * <p>{@link #startAnsweringHeads} starts one that answers each stream as soon as its HEADERS
 * frame is read, before it reads the next frame, as a server does that answers a GET on its
 * head without waiting for the end of the stream.
 *
 * <p>A stream opened while the connection already has as many open streams as the server allows
 * is refused with RST_STREAM(REFUSED_STREAM) and counted in {@link #refusedStreams()}.
 */
public final class H2cWireServer extends RecordingServer {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;
    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_FRAME = 16_384;
    private static final int REFUSED_STREAM = 0x7;
    private static final int MAX_FRAMES = 200_000;

    /**
     * One complete frame from the client.
     *
     * @param connection the connection it came on
     * @param readSequence sequence of the read that held its last byte
     * @param sweep that read's sweep
     * @param type frame type
     * @param flags frame flags
     * @param stream stream identifier
     * @param length payload length
     */
    public record Frame(int connection, long readSequence, long sweep, int type, int flags, int stream, int length) {

        /** @return whether this frame ends its stream (HEADERS or DATA with END_STREAM) */
        public boolean endsStream() {
            return (type == HEADERS || type == DATA) && (flags & FLAG_END_STREAM) != 0;
        }
    }

    /**
     * What the server saw of one connection's HTTP/2 conversation.
     *
     * @param connection the connection
     * @param prefaceSweep sweep of the read that completed the client preface, -1 if it never did
     * @param frames every frame from the client, in order
     */
    public record Conversation(int connection, long prefaceSweep, List<Frame> frames) {

        /** @return how many streams the client opened (HEADERS frames on new streams) */
        public long streams() {
            return frames.stream().filter(f -> f.type() == HEADERS).map(Frame::stream).distinct().count();
        }

        /** @return the distinct reads, by sequence, that carried an END_STREAM */
        public List<Long> endStreamReads() {
            return frames.stream().filter(Frame::endsStream).map(Frame::readSequence).distinct().toList();
        }

        /** @return sequence of the first read carrying an END_STREAM, or {@code Long.MAX_VALUE} */
        public long firstEndStreamRead() {
            return frames.stream().filter(Frame::endsStream).mapToLong(Frame::readSequence).min().orElse(Long.MAX_VALUE);
        }

        /** @return sweep of the first read carrying an END_STREAM, or {@code Long.MAX_VALUE} */
        public long firstEndStreamSweep() {
            return frames.stream().filter(Frame::endsStream).mapToLong(Frame::sweep).min().orElse(Long.MAX_VALUE);
        }

        /** @return HEADERS frames in reads after the first read that carried an END_STREAM */
        public List<Frame> headersAfterFirstEnd() {
            long first = firstEndStreamRead();
            return frames.stream().filter(f -> f.type() == HEADERS && f.readSequence() > first).toList();
        }
    }

    /** Per-connection parsing state. */
    private static final class State {
        final List<Frame> frames = new ArrayList<>();
        final Set<Integer> open = new HashSet<>();
        final Set<Integer> answeredNotFlushed = new HashSet<>();
        byte[] buffer = new byte[16 * 1024];
        int size;
        boolean preface;
        long prefaceSweep = -1;
    }

    private final int maxConcurrentStreams;
    private final boolean answersHeads;
    private final List<State> states = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int recordedFrames;
    private int refusedStreams;

    private H2cWireServer(String name, int maxConcurrentStreams, boolean answersHeads) {
        super(name, null);
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.answersHeads = answersHeads;
    }

    /**
     * Starts a server.
     *
     * @param name shows in the thread name and messages
     * @param maxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS it announces and enforces
     */
    public static H2cWireServer start(String name, int maxConcurrentStreams) {
        return start(name, maxConcurrentStreams, false);
    }

    /**
     * Starts a server that answers each stream on its HEADERS frame, before reading on.
     *
     * @param name shows in the thread name and messages
     * @param maxConcurrentStreams the SETTINGS_MAX_CONCURRENT_STREAMS it announces and enforces
     */
    public static H2cWireServer startAnsweringHeads(String name, int maxConcurrentStreams) {
        return start(name, maxConcurrentStreams, true);
    }

    private static H2cWireServer start(String name, int maxConcurrentStreams, boolean answersHeads) {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be at least 1, was " + maxConcurrentStreams);
        }
        H2cWireServer server = new H2cWireServer(name, maxConcurrentStreams, answersHeads);
        server.startLoop();
        return server;
    }

    /** @return one conversation per accepted connection, in order of acceptance */
    public List<Conversation> conversations() {
        synchronized (lock()) {
            List<Conversation> all = new ArrayList<>(states.size());
            for (int i = 0; i < states.size(); i++) {
                State state = states.get(i);
                all.add(new Conversation(i + 1, state.prefaceSweep, List.copyOf(state.frames)));
            }
            return all;
        }
    }

    /** @return streams refused because the connection already had as many open as allowed */
    public int refusedStreams() {
        synchronized (lock()) {
            return refusedStreams;
        }
    }

    /** @return protocol errors met, each of which closed its connection; empty when none */
    public List<String> errors() {
        synchronized (lock()) {
            return List.copyOf(errors);
        }
    }

    @Override
    protected void opened(Connection connection) {
        State state = new State();
        connection.state = state;
        states.add(state);
        // SETTINGS: MAX_CONCURRENT_STREAMS (0x3) and INITIAL_WINDOW_SIZE (0x4) of 1 MiB
        byte[] settings = new byte[12];
        put16(settings, 0, 0x3);
        put32(settings, 2, maxConcurrentStreams);
        put16(settings, 6, 0x4);
        put32(settings, 8, 1 << 20);
        send(connection, frame(SETTINGS, 0, 0, settings));
        send(connection, frame(WINDOW_UPDATE, 0, 0, int32((1 << 24))));
    }

    @Override
    protected void received(Connection connection, Read read, byte[] bytes, int length) {
        State state = (State) connection.state;
        if (state.size + length > state.buffer.length) {
            state.buffer = Arrays.copyOf(state.buffer, Math.max(state.size + length, state.buffer.length * 2));
        }
        System.arraycopy(bytes, 0, state.buffer, state.size, length);
        state.size += length;
        int consumed = 0;
        if (!state.preface) {
            if (state.size < PREFACE.length) {
                return;
            }
            if (!Arrays.equals(state.buffer, 0, PREFACE.length, PREFACE, 0, PREFACE.length)) {
                fail(connection, state, "no HTTP/2 client preface");
                return;
            }
            state.preface = true;
            state.prefaceSweep = read.sweep();
            consumed = PREFACE.length;
        }
        while (state.size - consumed >= 9) {
            int length24 = ((state.buffer[consumed] & 0xff) << 16) | ((state.buffer[consumed + 1] & 0xff) << 8)
                    | (state.buffer[consumed + 2] & 0xff);
            if (length24 > MAX_FRAME) {
                fail(connection, state, "frame of " + length24 + " bytes, over SETTINGS_MAX_FRAME_SIZE " + MAX_FRAME);
                return;
            }
            if (state.size - consumed < 9 + length24) {
                break;
            }
            int type = state.buffer[consumed + 3] & 0xff;
            int flags = state.buffer[consumed + 4] & 0xff;
            int stream = get32(state.buffer, consumed + 5) & 0x7fffffff;
            Frame frame = new Frame(connection.id(), read.sequence(), read.sweep(), type, flags, stream, length24);
            if (recordedFrames < MAX_FRAMES) {
                recordedFrames++;
                state.frames.add(frame);
            }
            handle(connection, state, frame, consumed + 9);
            consumed += 9 + length24;
        }
        state.size -= consumed;
        System.arraycopy(state.buffer, consumed, state.buffer, 0, state.size);
    }

    private void handle(Connection connection, State state, Frame frame, int payload) {
        switch (frame.type()) {
            case SETTINGS -> {
                if ((frame.flags() & FLAG_ACK) == 0) {
                    send(connection, frame(SETTINGS, FLAG_ACK, 0, new byte[0]));
                }
            }
            case PING -> {
                if ((frame.flags() & FLAG_ACK) == 0) {
                    send(connection, frame(PING, FLAG_ACK, 0, Arrays.copyOfRange(state.buffer, payload, payload + 8)));
                }
            }
            case HEADERS -> {
                if (!state.open.contains(frame.stream())) {
                    if (state.open.size() + state.answeredNotFlushed.size() >= maxConcurrentStreams) {
                        refusedStreams++;
                        send(connection, frame(RST_STREAM, 0, frame.stream(), int32(REFUSED_STREAM)));
                        return;
                    }
                    state.open.add(frame.stream());
                }
                if (frame.endsStream() || (answersHeads && state.open.contains(frame.stream()))) {
                    answer(connection, state, frame.stream());
                }
            }
            case DATA -> {
                if (frame.length() > 0) {
                    send(connection, frame(WINDOW_UPDATE, 0, 0, int32(frame.length())));
                    send(connection, frame(WINDOW_UPDATE, 0, frame.stream(), int32(frame.length())));
                }
                if (frame.endsStream() && state.open.contains(frame.stream())) {
                    answer(connection, state, frame.stream());
                }
            }
            case RST_STREAM -> state.open.remove(frame.stream());
            case GOAWAY -> closeWhenFlushed(connection);
            default -> {
                // PRIORITY, WINDOW_UPDATE, CONTINUATION and unknown frames need no answer
            }
        }
    }

    private void answer(Connection connection, State state, int stream) {
        state.open.remove(stream);
        state.answeredNotFlushed.add(stream);
        // HEADERS, END_STREAM | END_HEADERS, ":status: 200" as HPACK static table index 8
        send(connection, frame(HEADERS, FLAG_END_STREAM | FLAG_END_HEADERS, stream, new byte[] {(byte) 0x88}));
    }

    @Override
    protected void flushed(Connection connection) {
        // an answer written closes its stream: the client may open another one from now on
        ((State) connection.state).answeredNotFlushed.clear();
    }

    private void fail(Connection connection, State state, String why) {
        errors.add("connection " + connection.id() + ": " + why);
        state.size = 0;
        byte[] goaway = new byte[8];
        put32(goaway, 4, 0x1); // PROTOCOL_ERROR
        send(connection, frame(GOAWAY, 0, 0, goaway));
        closeWhenFlushed(connection);
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        put32(frame, 5, stream);
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    private static byte[] int32(int value) {
        byte[] bytes = new byte[4];
        put32(bytes, 0, value);
        return bytes;
    }

    private static void put16(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static void put32(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static int get32(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }
}
