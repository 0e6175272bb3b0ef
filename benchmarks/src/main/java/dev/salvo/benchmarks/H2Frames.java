package dev.salvo.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few HTTP/2 frames (RFC 9113) the h2c timestamping server and the raw h2c reference build by
 * hand, and a blocking reader of frames for the client side.
 */
final class H2Frames {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 9;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    /** The largest frame payload either side may send without a SETTINGS_MAX_FRAME_SIZE. */
    static final int MAX_FRAME_PAYLOAD = 16_384;

    /** HPACK static table index 8, ":status: 200", as an indexed header field. */
    static final byte STATUS_200 = (byte) 0x88;

    private H2Frames() {}

    /** One frame: the 9-byte header and the payload. */
    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[HEADER_BYTES + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        putInt(frame, 5, stream & 0x7fff_ffff);
        System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
        return frame;
    }

    /** A SETTINGS frame with the given identifier/value pairs. */
    static byte[] settings(int... idsAndValues) {
        byte[] payload = new byte[idsAndValues.length / 2 * 6];
        for (int i = 0; i + 1 < idsAndValues.length; i += 2) {
            int at = i / 2 * 6;
            payload[at] = (byte) (idsAndValues[i] >>> 8);
            payload[at + 1] = (byte) idsAndValues[i];
            putInt(payload, at + 2, idsAndValues[i + 1]);
        }
        return frame(SETTINGS, 0, 0, payload);
    }

    static byte[] settingsAck() {
        return frame(SETTINGS, FLAG_ACK, 0, new byte[0]);
    }

    static byte[] windowUpdate(int stream, int increment) {
        byte[] payload = new byte[4];
        putInt(payload, 0, increment & 0x7fff_ffff);
        return frame(WINDOW_UPDATE, 0, stream, payload);
    }

    /**
     * A request's header block in HPACK without Huffman coding and without indexing, so that it
     * can be written by hand and read by any decoder.
     */
    static byte[] requestHeaders(String method, String authority, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(method.equals("GET") ? 0x82 : 0x83); // :method GET (2) or POST (3)
        block.write(0x86); // :scheme http (6)
        literal(block, 0x04, path); // :path, name index 4
        literal(block, 0x01, authority); // :authority, name index 1
        return block.toByteArray();
    }

    /** A literal header field without indexing, with an indexed name and a short raw value. */
    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 126) {
            throw new IllegalArgumentException("header value longer than 126 bytes: " + value);
        }
        block.write(nameIndex);
        block.write(bytes.length);
        block.write(bytes, 0, bytes.length);
    }

    /** The end of a stream whose headers went ahead: an empty DATA frame with END_STREAM. */
    static byte[] endStream(int stream) {
        return frame(DATA, FLAG_END_STREAM, stream, new byte[0]);
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    static int getInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    /** A frame as read by a client. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** @return the value of a setting in this SETTINGS frame, or {@code fallback} */
        int setting(int id, int fallback) {
            for (int at = 0; at + 6 <= payload.length; at += 6) {
                if (((payload[at] & 0xff) << 8 | payload[at + 1] & 0xff) == id) {
                    return getInt(payload, at + 2);
                }
            }
            return fallback;
        }
    }

    /** Reads one frame, blocking. */
    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[HEADER_BYTES];
        data.readFully(header);
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new Frame(header[3] & 0xff, header[4] & 0xff, getInt(header, 5) & 0x7fff_ffff, payload);
    }
}
