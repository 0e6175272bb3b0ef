package dev.salvo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses every connection for as long as this object is open: a socket is
 * bound to 127.0.0.1, port 0, without address reuse and never listens. A connection to it is
 * answered with a reset, and no server socket in the machine can take the port meanwhile.
 *
 * <p>A port that was bound and then closed is not that: a test running beside it may open a
 * server on port 0 and be given the same number, and would then read the requests meant to be
 * refused.
 */
public final class RefusedPort implements AutoCloseable {

    private final Socket holder = new Socket();

    public RefusedPort() {
        try {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("could not hold a loopback port", e);
        }
    }

    public int port() {
        return holder.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (IOException ignored) {
            // Nothing was ever connected; the port is free again either way.
        }
    }
}
