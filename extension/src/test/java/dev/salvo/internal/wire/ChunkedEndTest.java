package dev.salvo.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a chunked body ends, however its bytes are split between writes. */
class ChunkedEndTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds the bytes in pieces of {@code piece} bytes; returns the end's offset, or -1. */
    private static int endOf(byte[] bytes, int piece) {
        ChunkedEnd chunks = new ChunkedEnd();
        for (int from = 0; from < bytes.length; from += piece) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int past = chunks.scan(buffer, from, Math.min(bytes.length, from + piece));
            if (past >= 0) {
                return past;
            }
        }
        return -1;
    }

    @Test
    void endsAfterTheLastChunksEmptyLineWhateverTheSplit() {
        String body = "5\r\nhello\r\n1a;name=value\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n";
        byte[] bytes = ascii(body + "GET /next HTTP/1.1\r\n");
        for (int piece : new int[] {1, 2, 3, 7, bytes.length}) {
            assertThat(endOf(bytes, piece)).as("pieces of %d bytes", piece).isEqualTo(body.length());
        }
    }

    @Test
    void readsTrailerFieldsAndUpperCaseSizes() {
        String body = "A\r\n0123456789\r\n0\r\nChecksum: abc\r\nMore: x\r\n\r\n";
        assertThat(endOf(ascii(body), 4)).isEqualTo(body.length());
        assertThat(endOf(ascii("0\r\n\r\n"), 1)).as("an empty body").isEqualTo(5);
    }

    @Test
    void anUnfinishedBodyHasNoEndYet() {
        assertThat(endOf(ascii("5\r\nhello\r\n0\r\n"), 3)).isEqualTo(-1);
        assertThat(endOf(ascii("5\r\nhel"), 1)).isEqualTo(-1);
        assertThat(endOf(ascii("5\r\nhello\r\n0\r\n\r"), 1)).as("all but the final byte").isEqualTo(-1);
    }

    @Test
    void chunkedIsTheFramingOnlyWhenItIsTheLastCoding() {
        assertThat(ChunkedEnd.isChunked(ascii("POST / HTTP/1.1\r\ntransfer-encoding:  Chunked \r\n\r\n"))).isTrue();
        assertThat(ChunkedEnd.isChunked(ascii("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))).isTrue();
        assertThat(ChunkedEnd.isChunked(ascii("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")))
                .as("codings listed over two fields").isTrue();
        assertThat(ChunkedEnd.isChunked(ascii("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"))).isFalse();
        assertThat(ChunkedEnd.isChunked(ascii("POST / HTTP/1.1\r\nContent-Length: 5\r\nX-Chunked: chunked\r\n\r\n"))).isFalse();
    }
}
