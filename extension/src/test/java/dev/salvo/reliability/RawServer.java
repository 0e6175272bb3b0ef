package dev.salvo.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving HTTP server made of a plain {@link ServerSocket} on 127.0.0.1, port 0: each
 * accepted connection is handed to a {@link Behaviour} on its own thread, from a pool of at most
 * {@value #MAX_CONNECTIONS} threads (a connection beyond that is closed at once). {@link #close()}
 * closes the listening socket and every accepted connection, and waits a bounded time for every
 * thread to end.
 *
 * <p>It counts the connections it accepted and those still open, so that a test can check that
 * the client closed every connection it opened, and keeps every request head it read.
 */
final class RawServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 256;
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final long STOP_MILLIS = 5_000;

    /** What the server does with one accepted connection; returning closes it. */
    interface Behaviour {
        void serve(Connection connection) throws IOException, InterruptedException;
    }

    /** One accepted connection, with its buffered input; counts the request heads read from it. */
    final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /**
         * Reads a request head up to the blank line; requests in these tests have no body.
         *
         * @return the head, or {@code null} if the client closed the connection first
         */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b;
                try {
                    b = in.read();
                } catch (SocketException reset) {
                    return null;
                }
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > MAX_HEAD_BYTES) {
                    throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            heads.add(text);
            return text;
        }

        /** Reads and drops everything until the client closes the connection. */
        void drainUntilClosed() throws IOException {
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // keep reading
            }
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void endOutput() throws IOException {
            socket.shutdownOutput();
        }
    }

    private final String name;
    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final ThreadPoolExecutor handlers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Queue<String> heads = new ConcurrentLinkedQueue<>();

    private RawServer(String name, Behaviour behaviour) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        AtomicInteger threadNumber = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "raw-" + name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "raw-" + name + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a server.
     *
     * @param name shows in thread names and messages
     * @param behaviour what to do with each connection
     * @return the started server
     */
    static RawServer start(String name, Behaviour behaviour) {
        try {
            RawServer server = new RawServer(name, behaviour);
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not open a server socket on loopback", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** @return how many request heads the server has read */
    int requests() {
        return heads.size();
    }

    /** @return every request head the server has read, in arrival order */
    List<String> heads() {
        return List.copyOf(heads);
    }

    /** @return accepted connections not yet closed, by either side */
    int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            open.add(connection);
            try {
                handlers.execute(() -> handle(connection));
            } catch (java.util.concurrent.RejectedExecutionException full) {
                closeQuietly(connection);
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            behaviour.serve(new Connection(connection));
        } catch (IOException | InterruptedException ended) {
            // The client went away or the server is closing: either ends this connection.
        } finally {
            open.remove(connection);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        for (Socket connection : open) {
            closeQuietly(connection);
        }
        handlers.shutdownNow();
        try {
            acceptor.join(STOP_MILLIS);
            if (!handlers.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS) || acceptor.isAlive()) {
                throw new IllegalStateException("raw server '" + name + "' did not stop within " + STOP_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort; the bounded wait in close() reports threads that do not end.
        }
    }

    // ---- behaviours ----

    /** Reads whatever the client sends, never answers, and ends when the client closes the connection. */
    static Behaviour silent() {
        return connection -> {
            connection.readHead();
            connection.drainUntilClosed();
        };
    }

    /**
     * Reads one request head, answers 200 with {@code Content-Length: declared}, sends only
     * {@code sent} bytes of body, and closes the connection.
     */
    static Behaviour closesMidBody(int declared, int sent) {
        return connection -> {
            if (connection.readHead() == null) {
                return;
            }
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + declared + "\r\n\r\n");
            connection.write(new byte[sent]);
            connection.endOutput();
        };
    }

    /**
     * Reads one request head, answers 200 with {@code Content-Length: declared}, then writes the
     * body one byte every {@code intervalMillis}, until the client goes away or the server closes.
     */
    static Behaviour drips(int declared, long intervalMillis) {
        return connection -> {
            if (connection.readHead() == null) {
                return;
            }
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + declared + "\r\n\r\n");
            for (int i = 0; i < declared; i++) {
                Thread.sleep(intervalMillis);
                connection.write(new byte[] {'x'});
            }
        };
    }

    /**
     * Answers every request on the connection (keep-alive), after {@code delayMillis}, with 200,
     * the extra header lines given (each ending in CRLF), and the body {@code "<identity> <path>"}.
     */
    static Behaviour answers(String identity, long delayMillis, String extraHeaderLines) {
        return connection -> {
            String head;
            while ((head = connection.readHead()) != null) {
                String path = head.split(" ", 3)[1];
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] body = (identity + " " + path).getBytes(StandardCharsets.UTF_8);
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n" + extraHeaderLines
                        + "Content-Length: " + body.length + "\r\n\r\n");
                connection.write(body);
            }
        };
    }

    /**
     * Answers requests whose path starts with {@code /cut} as {@link #closesMidBody(int, int)}
     * does (1000 bytes declared, 10 sent), and every other request as {@link #answers(String, long)}.
     */
    static Behaviour cutsSome(String identity) {
        return connection -> {
            String head;
            while ((head = connection.readHead()) != null) {
                String path = head.split(" ", 3)[1];
                if (path.startsWith("/cut")) {
                    connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n");
                    connection.write(new byte[10]);
                    connection.endOutput();
                    return;
                }
                byte[] body = (identity + " " + path).getBytes(StandardCharsets.UTF_8);
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                        + body.length + "\r\n\r\n");
                connection.write(body);
            }
        };
    }

    /** {@link #answers(String, long, String)} with no extra header. */
    static Behaviour answers(String identity, long delayMillis) {
        return answers(identity, delayMillis, "");
    }
}
