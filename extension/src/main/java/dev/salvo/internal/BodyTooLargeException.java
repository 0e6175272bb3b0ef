package dev.salvo.internal;

/** A response body larger than the burst's limit; recorded as that request's failure. Not API. */
public final class BodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long size, long limit) {
        super("response body of at least " + size + " bytes exceeds the limit of " + limit
                + " bytes (configuration parameter 'salvo.max-body-bytes')");
    }
}
