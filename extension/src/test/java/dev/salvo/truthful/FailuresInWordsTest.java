package dev.salvo.truthful;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.Protocol;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures read as words first, with the client's own exception as the cause: HTTP/2 frames
 * from a hand-written h2c server, and a TLS alert from a server that wants a client certificate.
 */
class FailuresInWordsTest {

    private static final int RST_STREAM = 0x3;
    private static final int GOAWAY = 0x7;

    @TempDir
    Path dir;

    @Test
    void aStreamResetSaysWhichFrameAndWhichErrorCode() throws Exception {
        try (H2Server server = new H2Server((out, stream) -> frame(out, RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(0xb).array()))) {
            RequestResult result = burst(server.port()).get(0);

            Throwable failure = result.failure().orElseThrow();
            assertThat(failure).hasMessageStartingWith("the server reset this HTTP/2 stream (RST_STREAM frame) with error code"
                    + " 0xb ENHANCE_YOUR_CALM");
            assertThat(failure.getCause()).as("the client's own exception").isNotNull().hasMessageContaining("enhance_your_calm");
            assertThat(result.toString()).contains("failed: IOException: the server reset this HTTP/2 stream");
        }
    }

    @Test
    void aGoAwaySaysWhichFrameAndWhatItMeansForTheRequest() throws Exception {
        try (H2Server server = new H2Server((out, stream) -> {
            byte[] reason = "maintenance".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            frame(out, GOAWAY, 0, 0, ByteBuffer.allocate(8 + reason.length).putInt(0).putInt(0x0).put(reason).array());
        })) {
            RequestResult result = burst(server.port()).get(0);

            Throwable failure = result.failure().orElseThrow();
            assertThat(failure).hasMessageStartingWith("the server closed the HTTP/2 connection (GOAWAY frame) without"
                    + " processing this request");
            assertThat(failure.getCause()).isNotNull();
        }
    }

    @Test
    void aConnectionClosedAfterAGoAwaySaysSo() throws Exception {
        try (H2Server server = new H2Server((out, stream) -> {
            frame(out, GOAWAY, 0, 0, ByteBuffer.allocate(8).putInt(stream).putInt(0x2).array());
            throw new IllegalStateException("close the connection after the GOAWAY");
        })) {
            RequestResult result = burst(server.port()).get(0);

            assertThat(result.failure().orElseThrow())
                    .hasMessageStartingWith("the server closed the HTTP/2 connection before this request completed")
                    .cause().isInstanceOf(java.nio.channels.ClosedChannelException.class);
        }
    }

    @Test
    void aTlsAlertIsNamedAndExplained() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 16,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            acceptor.execute(() -> {
                for (int i = 0; i < 4 && !listener.isClosed(); i++) {
                    try (SSLSocket socket = (SSLSocket) listener.accept()) {
                        socket.setSoTimeout(10_000);
                        socket.startHandshake();
                        socket.getInputStream().read();
                    } catch (IOException expected) {
                        // the handshake fails: no client certificate
                    }
                }
            });
            Responses responses = Burst.of(1).baseUrl("https://127.0.0.1:" + listener.getLocalPort()).trustAllCertificates()
                    .timeout(Duration.ofSeconds(10)).prepare(i -> RequestSpec.get("/")).fire();

            Throwable failure = responses.get(0).failure().orElseThrow();
            assertThat(failure).isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasMessageStartingWith("the server ended the TLS connection with the fatal alert '")
                    .hasMessageContaining("client certificate");
            assertThat(failure.getCause()).hasMessageContaining("Received fatal alert");
        } finally {
            acceptor.shutdownNow();
            assertThat(acceptor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Responses burst(int port) {
        return Burst.of(1).baseUrl("http://127.0.0.1:" + port).protocol(Protocol.HTTP_2).timeout(Duration.ofSeconds(10))
                .prepare(i -> RequestSpec.get("/h2")).fire();
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) {
        try {
            ByteBuffer head = ByteBuffer.allocate(9);
            head.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                    .put((byte) type).put((byte) flags).putInt(stream);
            out.write(head.array());
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An h2c server (prior knowledge) made of frames written by hand: it answers the preface with
     * its SETTINGS, acknowledges SETTINGS and PING, and hands each stream to {@code onRequest}
     * once the request is complete (the frame with END_STREAM arrived, as a server handles it);
     * it never answers a request.
     */
    private static final class H2Server implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newFixedThreadPool(5);
        private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

        H2Server(BiConsumer<OutputStream, Integer> onRequest) throws IOException {
            threads.execute(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        open.add(socket);
                        threads.execute(() -> serve(socket, onRequest));
                    } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(Socket socket, BiConsumer<OutputStream, Integer> onRequest) {
            try (socket) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                in.readNBytes(24); // the client preface
                frame(out, 0x4, 0, 0, new byte[0]);
                while (true) {
                    int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                    int type = in.readUnsignedByte();
                    int flags = in.readUnsignedByte();
                    int stream = in.readInt() & 0x7fffffff;
                    byte[] payload = in.readNBytes(length);
                    if (type == 0x4 && (flags & 0x1) == 0) {
                        frame(out, 0x4, 0x1, 0, new byte[0]);
                    } else if (type == 0x6 && (flags & 0x1) == 0) {
                        frame(out, 0x6, 0x1, 0, payload);
                    } else if ((type == 0x0 || type == 0x1) && (flags & 0x1) != 0) {
                        onRequest.accept(out, stream); // the request is complete: its END_STREAM arrived
                    }
                }
            } catch (IOException | RuntimeException ended) {
                // the client or close() ended the connection
            } finally {
                open.remove(socket);
            }
        }

        @Override
        public void close() throws Exception {
            listener.close();
            for (Socket socket : open) {
                socket.close();
            }
            threads.shutdownNow();
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("h2 server threads still running");
            }
        }
    }
}
