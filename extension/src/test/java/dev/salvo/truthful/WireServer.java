package dev.salvo.truthful;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on a plain socket (127.0.0.1, port 0) that keeps every request exactly as
 * the bytes arrived, head and body, and answers each with bytes the test chose. Keep-alive; at
 * most 64 connections at once; {@link #close()} ends every thread and socket.
 */
final class WireServer implements AutoCloseable {

    /** One request as it arrived: the head up to the blank line (ISO-8859-1) and the body. */
    record Received(String head, byte[] body) {

        /** @return the request target of the request line, as sent: "/caf%C3%A9" */
        String target() {
            return head.split(" ", 3)[1];
        }

        /** @return every header line, in the order sent */
        List<String> headerLines() {
            List<String> lines = Arrays.asList(head.split("\r\n"));
            return lines.subList(1, lines.size()).stream().filter(line -> !line.isEmpty()).toList();
        }

        /** @return the header names, in lower case, in the order sent */
        List<String> headerNames() {
            return headerLines().stream().map(line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT)).toList();
        }
    }

    private final ServerSocket listener;
    private final Function<Received, byte[]> answer;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();

    private WireServer(Function<Received, byte[]> answer) throws IOException {
        this.listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.answer = answer;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(65, task -> {
            Thread thread = new Thread(task, "wire-server-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::acceptLoop);
    }

    static WireServer start(Function<Received, byte[]> answer) {
        try {
            return new WireServer(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an answer with this status line and header lines (each without CRLF), and the body */
    static byte[] response(String statusAndHeaders, byte[] body) {
        byte[] head = (statusAndHeaders.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    int port() {
        return listener.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                byte[] body = in.readNBytes(contentLength(head));
                Received request = new Received(head, body);
                received.add(request);
                out.write(answer.apply(request));
                out.flush();
            }
        } catch (IOException ended) {
            // the client or close() ended the connection
        } finally {
            open.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 65_536) {
                throw new IOException("request head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wire server threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
