package dev.salvo.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 responder on 127.0.0.1, inside the JVM, that answers every request with
 * an empty 204. It exists only so that {@link WarmUp} can exercise Salvo's own send path
 * without sending anything to the server under test. One named thread; closed with the sink.
 * Not API.
 */
final class LoopbackSink implements AutoCloseable {

    private static final byte[] ANSWER = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean open = true;

    private LoopbackSink() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::serve, "salvo-warm-up-sink");
        thread.setDaemon(true);
        thread.start();
    }

    static LoopbackSink start() throws IOException {
        return new LoopbackSink();
    }

    String url() throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        return "http://127.0.0.1:" + address.getPort() + "/";
    }

    private void serve() {
        try {
            while (open) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException stopped) {
            // the sink only serves the warm-up; a failure there just ends the warm-up early
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(16 * 1024));
        }
    }

    private void read(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (channel.read(buffer) < 0 || !buffer.hasRemaining()) {
                close(key);
                return;
            }
            answerCompleteRequests(channel, buffer);
        } catch (IOException closed) {
            close(key);
        }
    }

    /** Answers every complete request in the buffer (headers plus Content-Length bytes) and keeps the rest. */
    private static void answerCompleteRequests(SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (true) {
            String text = StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                break;
            }
            int total = headersEnd + 4 + contentLength(text.substring(0, headersEnd));
            if (text.length() < total) {
                break;
            }
            buffer.position(buffer.position() + total);
            ByteBuffer answer = ByteBuffer.wrap(ANSWER);
            while (answer.hasRemaining()) {
                channel.write(answer);
            }
        }
        buffer.compact();
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(Threads.SHUTDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            close(key);
        }
        try {
            selector.close();
            server.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
