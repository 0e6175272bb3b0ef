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
     * The tightest mode each request supports: {@link #LAST_BYTE} for requests with a body
     * (when there is a barrier and no {@code maxInFlight} cap), {@link #PRECONNECT} for the
     * others. Requests without a body are never sent ahead by {@code AUTO}: a server that
     * starts handling a request as soon as its headers arrive would answer it before the release.
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
     *
     * <p>It holds requests back only from servers that wait for a request's end before handling
     * it, which most do for requests with a body that they read. A server that answers without
     * reading the body (or, over HTTP/2, a GET) may answer before the release; over HTTP/2 it
     * then resets the stream when the withheld end arrives, and that request fails with the reset.
     */
    LAST_BYTE
}
