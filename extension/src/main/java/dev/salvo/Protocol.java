package dev.salvo;

/**
 * The HTTP version a burst speaks.
 *
 * @since 0.1.0
 */
public enum Protocol {

    /** HTTP/1.1: one connection per request in flight. */
    HTTP_1_1,

    /**
     * HTTP/2: requests are multiplexed as streams over few connections; cleartext {@code http}
     * URLs use h2c with prior knowledge, {@code https} URLs negotiate h2 with ALPN. The server
     * must support it.
     */
    HTTP_2
}
