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
 * The HTTP/1.1 floor of what the measurement can resolve: one socket per request, opened and
 * accepted by the server beforehand; every GET written except the last byte of its header block,
 * and read by the server; then one thread writes the withheld last bytes, one {@code write} per
 * socket, in a tight loop. No HTTP client, no thread hand-off. The spread this row shows is the
 * loopback stack plus the server's own read loop; no client can beat it by more than noise.
 */
final class RawSocketReference implements Contender {

    static final long ACCEPT_WAIT_MILLIS = 10_000;
    /** How long the server may take to read every first part before the last bytes go. */
    static final long READ_WAIT_MILLIS = 10_000;

    private final TimestampServer server;

    RawSocketReference(TimestampServer server) {
        this.server = server;
    }

    @Override
    public String mode() {
        return "floor: raw sockets, GET, last byte withheld";
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
                sockets.add(connect(baseUrl));
            }
            awaitAccepted(server, acceptedBefore + count);
            long readBefore = server.bytesRead();
            long ahead = 0;
            for (int i = 0; i < count; i++) {
                sockets.get(i).getOutputStream().write(requests[i], 0, requests[i].length - 1);
                ahead += requests[i].length - 1;
            }
            server.awaitBytesRead(readBefore + ahead, READ_WAIT_MILLIS);
            long first = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sockets.get(i).getOutputStream().write(requests[i], requests[i].length - 1, 1);
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

    static Socket connect(URI baseUrl) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()), (int) REQUEST_TIMEOUT.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static void awaitAccepted(TimestampServer server, long total) throws InterruptedException {
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
