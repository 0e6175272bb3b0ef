package dev.salvo;

/**
 * How a burst's requests leave the client at the instant of release, when the burst has a
 * barrier. Every mode opens the connections the burst needs before the release, so no TCP
 * handshake happens inside the release window.
 *
 * @since 0.1.0
 */
public enum Release {

    /**
     * The tightest mode the burst supports: {@link #LAST_BYTE} over HTTP/2, and over HTTP/1.1
     * when every request has a body and there is no {@code maxInFlight} cap; otherwise
     * {@link #PRECONNECT}.
     */
    AUTO,

    /**
     * Connections are opened before the release; at the release every request is written
     * whole, in index order, from one thread in a tight loop. Works for every request and
     * with {@code maxInFlight}.
     */
    PRECONNECT,

    /**
     * Everything but the end of each request is sent ahead, so that the server has read all but
     * the last byte; at the release only the withheld ends are written, in a tight loop. Over
     * HTTP/1.1 the withheld end is the last byte of the body, so every request needs a body of
     * at least one byte. Over HTTP/2 it is each stream's END_STREAM flag: the final DATA frame
     * (empty for a request without a body). Cannot be combined with {@code maxInFlight}, since
     * every request is in flight before the release.
     */
    LAST_BYTE
}
