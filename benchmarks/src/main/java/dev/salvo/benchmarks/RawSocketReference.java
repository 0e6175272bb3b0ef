package dev.salvo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The floor of what the measurement can resolve: sockets opened and accepted by the server
 * beforehand, then one thread writes every complete request, one {@code write} per socket, in a
 * tight loop. No HTTP client, no thread hand-off. The spread this row shows is the loopback
 * stack plus the server's own read loop; no client can beat it by more than noise.
 */
final class RawSocketReference implements Contender {

    private static final long ACCEPT_WAIT_MILLIS = 10_000;

    private final TimestampServer server;

    RawSocketReference(TimestampServer server) {
        this.server = server;
    }

    @Override
    public String mode() {
        return "reference: raw sockets, pre-accepted, one writing thread";
    }

    @Override
    public Outcome burst(URI baseUrl, String burst, int count) throws Exception {
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
            requests[i] = ("GET /" + burst + "/" + i + " HTTP/1.1\r\nHost: " + baseUrl.getAuthority() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        List<Socket> sockets = new ArrayList<>(count);
        try {
            long acceptedBefore = server.acceptedConnections();
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
                socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), (int) REQUEST_TIMEOUT.toMillis());
            }
            awaitAccepted(acceptedBefore + count);
            long first = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sockets.get(i).getOutputStream().write(requests[i]);
            }
            long last = System.nanoTime();
            int answered = 0;
            for (Socket socket : sockets) {
                if (readStatusLine(socket.getInputStream()).startsWith("HTTP/1.1 200")) {
                    answered++;
                }
            }
            return new Outcome(answered, Optional.empty(), Optional.of(Duration.ofNanos(last - first)),
                    Optional.of(Duration.ofNanos((last - first) / Math.max(1, count - 1))));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private void awaitAccepted(long total) throws InterruptedException {
        long deadline = System.nanoTime() + ACCEPT_WAIT_MILLIS * 1_000_000;
        while (server.acceptedConnections() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server accepted " + server.acceptedConnections() + " of " + total
                        + " connections within " + ACCEPT_WAIT_MILLIS + " ms");
            }
            Thread.sleep(1);
        }
    }

    /** Reads the status line; the rest of the tiny answer is left unread, as the socket is closed next. */
    private static String readStatusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < 200) {
            line.append((char) b);
        }
        return line.toString();
    }
}
