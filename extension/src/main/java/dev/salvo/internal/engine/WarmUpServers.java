package dev.salvo.internal.engine;

import com.sun.net.httpserver.HttpServer;
import dev.salvo.internal.client.NamedThreadFactory;
import dev.salvo.internal.client.Threads;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two responders on 127.0.0.1, inside the JVM, that exist only so that {@link WarmUp} can
 * exercise Salvo's own send paths without sending anything to the server under test: the JDK's
 * HTTP/1.1 server answering every request with an empty 204, and a cleartext HTTP/2 (h2c,
 * prior knowledge) responder that answers every stream with an empty 200 once the stream ends.
 * Every thread is named and ends with {@link #close()}. Not API.
 */
final class WarmUpServers implements AutoCloseable {

    private static final byte[] PREFACE_SETTINGS = frame(0x4, 0, 0, new byte[] {0, 3, 0, 0, 0, (byte) 128});
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    private final ExecutorService threads = Executors.newCachedThreadPool(new NamedThreadFactory("salvo-warm-up"));
    private final HttpServer http1;
    private final ServerSocket h2c;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    WarmUpServers() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        http1 = HttpServer.create(new InetSocketAddress(loopback, 0), 1024);
        http1.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http1.setExecutor(threads);
        http1.start();
        h2c = new ServerSocket(0, 1024, loopback);
        threads.execute(this::acceptH2c);
    }

    String http1Url() {
        return "http://127.0.0.1:" + http1.getAddress().getPort() + "/";
    }

    String h2cUrl() {
        return "http://127.0.0.1:" + h2c.getLocalPort() + "/";
    }

    private void acceptH2c() {
        try {
            while (!h2c.isClosed()) {
                Socket socket = h2c.accept();
                connections.add(socket);
                threads.execute(() -> serveH2c(socket));
            }
        } catch (IOException | RuntimeException closed) {
            // the listening socket was closed: the warm-up is over
        }
    }

    /** One h2c connection: reads frames, answers SETTINGS and PING, and every ended stream. */
    private void serveH2c(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            in.readNBytes(24); // the client's connection preface
            out.write(PREFACE_SETTINGS);
            byte[] header = new byte[9];
            while (true) {
                in.readFully(header);
                int length = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | header[2] & 0xFF;
                int type = header[3];
                int flags = header[4];
                int stream = ((header[5] & 0x7F) << 24) | (header[6] & 0xFF) << 16 | (header[7] & 0xFF) << 8 | header[8] & 0xFF;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length || type == 0x7) {
                    return; // closed, or GOAWAY
                }
                if (type == 0x4 && (flags & ACK) == 0) {
                    out.write(frame(0x4, ACK, 0, new byte[0]));
                } else if (type == 0x6 && (flags & ACK) == 0) {
                    out.write(frame(0x6, ACK, 0, payload));
                } else if (type == 0x0 && length > 0) {
                    out.write(frame(0x8, 0, 0, int32(length))); // give the connection's window back
                }
                if ((type == 0x0 || type == 0x1) && (flags & END_STREAM) != 0) {
                    out.write(frame(0x1, END_STREAM | END_HEADERS, stream, new byte[] {(byte) 0x88})); // :status 200
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the client closed the connection
        } finally {
            connections.remove(socket);
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        System.arraycopy(int32(stream), 0, frame, 5, 4);
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Stops both responders and waits, bounded, for their threads to end. */
    @Override
    public void close() {
        http1.stop(0);
        try {
            h2c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(Threads.SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
