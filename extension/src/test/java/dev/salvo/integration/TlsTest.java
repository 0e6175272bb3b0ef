package dev.salvo.integration;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.BaseUrl;
import dev.salvo.Burst;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * https against a real Jetty server with a self-signed certificate for 127.0.0.1, made with the
 * JDK's keytool: refused by default, accepted on explicit opt-in; HTTP/2 negotiated with ALPN.
 */
class TlsTest {

    static final String PASSWORD = "changeit";
    static Path dir;
    static Path keyStore;
    static Server server;
    static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("salvo-tls");
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("test-tls-server");
        server = new Server(threads);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    org.eclipse.jetty.util.Callback callback) {
                // reads the request body before answering, as a handler that uses it does
                String answer = request.getConnectionMetaData().getProtocol() + " " + request.getHttpURI().getScheme();
                org.eclipse.jetty.io.Content.Source.asString(request, StandardCharsets.UTF_8, new org.eclipse.jetty.util.Promise<>() {
                    @Override
                    public void succeeded(String body) {
                        response.setStatus(200);
                        response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
                    }

                    @Override
                    public void failed(Throwable failure) {
                        callback.failed(failure);
                    }
                });
                return true;
            }
        });
        server.start();
        baseUrl = "https://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultNamingTheProblem() {
        Responses responses = Burst.of(3).baseUrl(baseUrl).prepare(i -> RequestSpec.get("/")).fire();
        assertThat(responses.failures()).hasSize(3);
        Throwable failure = responses.get(0).failure().orElseThrow();
        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(failure.getMessage()).containsAnyOf("PKIX path building failed", "unable to find valid certification path");
    }

    @Test
    void trustingAllCertificatesIsAnExplicitOptIn() {
        Responses responses = Burst.of(5).trustAllCertificates().baseUrl(baseUrl).prepare(i -> RequestSpec.get("/")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(responses.get(0).bodyAsString()).isEqualTo("HTTP/1.1 https");
    }

    @Test
    void aTrustStoreOfTheTestsOwnVerifiesTheCertificateAndHostName() {
        Responses responses = Burst.of(5).trustStore(keyStore, PASSWORD).baseUrl(baseUrl).prepare(i -> RequestSpec.get("/")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() {
        // the certificate names 127.0.0.1 only; "localhost" reaches the same server on 127.0.0.1
        String byName = baseUrl.replace("127.0.0.1", "localhost");
        Responses responses = Burst.of(2).trustStore(keyStore, PASSWORD).baseUrl(byName).prepare(i -> RequestSpec.get("/")).fire();
        assertThat(responses.failures()).hasSize(2);
        Throwable failure = responses.get(0).failure().orElseThrow();
        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(failure.getMessage()).contains("localhost");
    }

    @Test
    void overHttp11AGetIsReleasedWholeAndAPostHoldsItsLastBodyByte() {
        Responses gets = Burst.of(5).trustAllCertificates().baseUrl(baseUrl).release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.get("/get-" + i)).fire();
        Responses posts = Burst.of(5).trustAllCertificates().baseUrl(baseUrl).release(Release.LAST_BYTE)
                .prepare(i -> RequestSpec.post("/post-" + i, "body-" + i, "text/plain")).fire();
        assertThat(gets).noneFailed().allHaveStatus(200);
        assertThat(posts).noneFailed().allHaveStatus(200);
        assertThat(gets.releasedWhole()).as("GETs over TLS: no body byte to hold above TLS").hasSize(5);
        assertThat(posts.releasedWhole()).as("POSTs over TLS: the last body byte was held").isEmpty();
    }

    @Test
    void http2IsNegotiatedWithAlpn() {
        Responses responses = Burst.of(10).trustAllCertificates().protocol(Protocol.HTTP_2).baseUrl(baseUrl)
                .prepare(i -> RequestSpec.post("/", "x" + i, "text/plain")).fire();
        assertThat(responses).noneFailed().allHaveStatus(200);
        assertThat(responses.get(0).bodyAsString()).isEqualTo("HTTP/2.0 https");
    }

    @Test
    void theAnnotationPathOptsInWithAConfigurationParameter() {
        var withoutOptIn = EngineTestKit.engine("junit-jupiter").selectors(selectClass(HttpsTestCases.class)).execute();
        withoutOptIn.testEvents().assertStatistics(stats -> stats.failed(1));
        var withOptIn = EngineTestKit.engine("junit-jupiter").selectors(selectClass(HttpsTestCases.class))
                .configurationParameters(Map.of("salvo.tls.trust-all", "true")).execute();
        withOptIn.testEvents().assertStatistics(stats -> stats.succeeded(1));
        var withTrustStore = EngineTestKit.engine("junit-jupiter").selectors(selectClass(HttpsTestCases.class))
                .configurationParameters(Map.of("salvo.tls.trust-store", keyStore.toString(),
                        "salvo.tls.trust-store-password", PASSWORD)).execute();
        withTrustStore.testEvents().assertStatistics(stats -> stats.succeeded(1));
    }

    static class HttpsTestCases {
        @BaseUrl
        String base = baseUrl;

        @ConcurrentRequests(count = 3, url = "/")
        void test(Responses responses) {
            assertThat(responses).noneFailed().allHaveStatus(200);
        }
    }

}
