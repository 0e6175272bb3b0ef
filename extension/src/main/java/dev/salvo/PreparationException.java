package dev.salvo;

/**
 * Thrown when a preparation method fails for one request of a burst. When the burst uses a
 * barrier, no request was sent.
 *
 * @since 0.1.0
 */
public final class PreparationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The request index whose preparation failed, or -1 when no single index is to blame. */
    private final int index;

    /**
     * @param index the request index whose preparation failed, or -1 when no single index is to blame
     * @param message what happened and what was (not) sent
     * @param cause the failure
     */
    public PreparationException(int index, String message, Throwable cause) {
        super(message, cause);
        this.index = index;
    }

    /** @return the request index whose preparation failed, or -1 when no single index is to blame */
    public int index() {
        return index;
    }
}
