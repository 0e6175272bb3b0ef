package dev.salvo;

/**
 * The failure recorded for a request whose response body is larger than the burst's limit
 * ({@code salvo.max-body-bytes}, or {@link Burst#maxBodyBytes(long)}; 16 MiB by default). The
 * body is not kept, so a huge answer cannot exhaust the heap.
 *
 * @since 0.1.0
 */
public final class BodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The limit in bytes that was exceeded. */
    private final long limit;

    /**
     * @param size how many bytes had arrived, or were announced, when the limit was exceeded
     * @param limit the limit in bytes
     */
    public BodyTooLargeException(long size, long limit) {
        super("response body of at least " + size + " bytes exceeds the limit of " + limit
                + " bytes (configuration parameter 'salvo.max-body-bytes', or Burst.maxBodyBytes)");
        this.limit = limit;
    }

    /** @return the limit in bytes that was exceeded */
    public long limit() {
        return limit;
    }
}
