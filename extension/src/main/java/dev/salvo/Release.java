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
     * The tightest release the burst allows: {@link #LAST_BYTE} when there is a barrier and no
     * {@code maxInFlight} cap below {@code count}, and {@link #PRECONNECT} otherwise (requests
     * then go out as room frees, not at one instant).
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
     * that end; at the release only the withheld ends are written, in a tight loop.
     *
     * <ul>
     *   <li>Over HTTP/1.1 ({@code http}) the end is the request's final byte, with or without a
     *       body: one write of one byte per connection at the release.</li>
     *   <li>Over HTTP/2 it is each stream's END_STREAM flag (a final DATA frame, empty for a
     *       request without a body), and all of a connection's ends leave in one write.</li>
     *   <li>Over HTTPS with HTTP/1.1 it is the last byte of the body; a request without a body
     *       is written whole at the release, since below TLS there is no plain byte to hold.</li>
     * </ul>
     *
     * <p>Cannot be combined with {@code maxInFlight}, since every request is in flight before the
     * release. It holds requests back only from servers that wait for a request's end before
     * answering; a request answered earlier is marked
     * {@link RequestResult#answeredBeforeRelease()}.
     */
    LAST_BYTE
}
