package dev.salvo.internal.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array for one response body; filled by one thread at a time. Not API. */
final class BodyBuffer {

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    void append(ByteBuffer content) {
        int length = content.remaining();
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        content.get(bytes, size, length);
        size += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
