package dev.salvo.internal.wire;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.util.Callback;

/**
 * A request body whose end is held back until the release: all bytes but the last are offered
 * at once; {@link #release()} offers the last byte (if any) and closes the body. Over HTTP/1.1
 * the declared length keeps the body out of chunked encoding, so the server waits for exactly
 * one more byte; over HTTP/2 the close is the stream's END_STREAM. Not API.
 */
public final class WithheldContent extends AsyncRequestContent {

    private final long length;
    private final ByteBuffer last;
    private final CompletableFuture<Void> ahead = new CompletableFuture<>();

    /**
     * @param contentType the body's content type, or {@code null}
     * @param body the whole body (may be empty)
     * @param declareLength whether to declare the length (HTTP/1.1), or leave it open (HTTP/2 without a body)
     */
    public WithheldContent(String contentType, byte[] body, boolean declareLength) {
        super(contentType);
        this.length = declareLength ? body.length : -1;
        if (body.length == 0) {
            last = null;
            ahead.complete(null);
        } else {
            last = ByteBuffer.wrap(body, body.length - 1, 1).slice();
            if (body.length == 1) {
                ahead.complete(null);
            } else {
                write(ByteBuffer.wrap(body, 0, body.length - 1), Callback.from(() -> ahead.complete(null), ahead::completeExceptionally));
            }
        }
    }

    @Override
    public long getLength() {
        return length;
    }

    /** @return completes once everything ahead of the withheld end was taken by the connection */
    public CompletableFuture<Void> ahead() {
        return ahead;
    }

    /**
     * Offers the withheld end and closes the body.
     *
     * @return completes once the connection took the end (over HTTP/2: its frame was flushed)
     */
    public CompletableFuture<Void> release() {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        write(true, last != null ? last : ByteBuffer.allocate(0), Callback.from(() -> taken.complete(null), taken::completeExceptionally));
        return taken;
    }
}
