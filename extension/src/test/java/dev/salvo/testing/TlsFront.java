package dev.salvo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Ends TLS in front of a plain server: a JDK {@link SSLServerSocket} on 127.0.0.1, port 0, with a
 * self-signed certificate for 127.0.0.1 made by the JDK's keytool, that offers {@code h2} by
 * ALPN and relays each connection's decrypted bytes, in order, to a new plain connection to the
 * back end, and the back end's bytes back. With an {@link H2cWireServer} behind it, a test sees
 * the frames a client sent over h2 (TLS) in the order it sent them. Each relayed connection uses
 * two threads; {@link #close()} closes every socket and waits a bounded time for them.
 */
public final class TlsFront implements AutoCloseable {

    private static final String PASSWORD = "changeit";
    private static final long STOP_MILLIS = 5_000;
    private static final int MAX_CONNECTIONS = 64;

    private final Path dir;
    private final SSLServerSocket listener;
    private final int backendPort;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> pumps = new ArrayList<>();

    private TlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        this.dir = Files.createTempDirectory("salvo-tls-front");
        Path keyStore = dir.resolve("front.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "front", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getLoopbackAddress());
        SSLParameters parameters = listener.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        listener.setSSLParameters(parameters);
        acceptor = new Thread(this::acceptLoop, "tls-front-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts a front for a plain server.
     *
     * @param backendPort the loopback port of the plain server behind it
     * @return the started front
     */
    public static TlsFront start(int backendPort) {
        try {
            TlsFront front = new TlsFront(backendPort);
            front.acceptor.start();
            return front;
        } catch (Exception e) {
            throw new IllegalStateException("could not start a TLS front on loopback", e);
        }
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptLoop() {
        int accepted = 0;
        while (!listener.isClosed() && accepted < MAX_CONNECTIONS) {
            try {
                SSLSocket client = (SSLSocket) listener.accept();
                accepted++;
                sockets.add(client);
                Socket backend = new Socket();
                sockets.add(backend);
                backend.setTcpNoDelay(true);
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 5_000);
                client.setTcpNoDelay(true);
                pump("tls-front-in-" + accepted, client, backend);
                pump("tls-front-out-" + accepted, backend, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(String name, Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed: the relay of this connection ends
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        pump.setDaemon(true);
        synchronized (pumps) {
            pumps.add(pump);
        }
        pump.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(TlsFront::closeQuietly);
        try {
            acceptor.join(STOP_MILLIS);
            List<Thread> started;
            synchronized (pumps) {
                started = List.copyOf(pumps);
            }
            for (Thread pump : started) {
                pump.join(STOP_MILLIS);
                if (pump.isAlive()) {
                    throw new IllegalStateException("TLS front relay " + pump.getName() + " did not stop within " + STOP_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is removed with the others
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort; close() waits for the threads
        }
    }
}
