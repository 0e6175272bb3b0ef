package dev.salvo.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds where a chunked HTTP/1.1 body ends (RFC 9112, section 7.1): reads chunk sizes, skips
 * chunk data, and stops after the last chunk's trailer section. Fed the bytes as the client
 * writes them, in any number of pieces. Not API.
 */
final class ChunkedEnd {

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_LINE, TRAILER_LF, LAST_LF, DONE }

    private State state = State.SIZE;
    private long size;
    private long dataLeft;

    /**
     * @param head the request's header block, as written
     * @return whether its {@code Transfer-Encoding} ends with {@code chunked}, so that its body
     *     is framed in chunks
     */
    static boolean isChunked(byte[] head) {
        String last = null;
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Transfer-Encoding")) {
                for (String coding : line.substring(colon + 1).split(",")) {
                    if (!coding.isBlank()) {
                        last = coding.trim().toLowerCase(Locale.ROOT);
                    }
                }
            }
        }
        return "chunked".equals(last);
    }

    /**
     * Reads on from where the last call stopped.
     *
     * @return the index in {@code buffer} just past the body's last byte, if it is in
     *     {@code [from, limit)}; else -1 (every byte up to {@code limit} was read)
     */
    int scan(ByteBuffer buffer, int from, int limit) {
        int i = from;
        while (i < limit && state != State.DONE) {
            if (state == State.DATA) {
                int skip = (int) Math.min(dataLeft, limit - i);
                i += skip;
                dataLeft -= skip;
                if (dataLeft == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            step(buffer.get(i++));
        }
        return state == State.DONE ? i : -1;
    }

    private void step(byte b) {
        switch (state) {
            case SIZE -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    size = size * 16 + digit;
                } else if (b == '\r') {
                    state = State.SIZE_LF;
                } else {
                    state = State.EXTENSION; // ';' starts chunk extensions; whitespace may precede them
                }
            }
            case EXTENSION -> state = b == '\r' ? State.SIZE_LF : State.EXTENSION;
            case SIZE_LF -> {
                if (size == 0) {
                    state = State.TRAILER_START;
                } else {
                    dataLeft = size;
                    state = State.DATA;
                }
            }
            case DATA_CR -> state = State.DATA_LF;
            case DATA_LF -> {
                size = 0;
                state = State.SIZE;
            }
            case TRAILER_START -> state = b == '\r' ? State.LAST_LF : State.TRAILER_LINE;
            case TRAILER_LINE -> state = b == '\r' ? State.TRAILER_LF : State.TRAILER_LINE;
            case TRAILER_LF -> state = State.TRAILER_START;
            case LAST_LF -> state = State.DONE;
            default -> throw new IllegalStateException(state.name());
        }
    }
}
