package dev.salvo.compat.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Release;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WireMock's non-standalone artifact puts Jetty 11 on the class path; Salvo's own Jetty 12 client
 * travels inside its jar under other package names, so the two never meet. WireMock serves every
 * burst here, and its request journal confirms what arrived.
 */
class WireMockJetty11Test {

    static WireMockServer wireMock;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlPathEqualTo("/ping")).willReturn(aResponse().withStatus(200).withBody("pong")));
        wireMock.stubFor(post(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(201)));
    }

    @AfterAll
    static void stopWireMock() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    @BaseUrl
    static String baseUrl() {
        return wireMock.baseUrl();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        wireMock.resetRequests();
    }

    @Test
    void theClassPathHoldsJetty11AndSalvoBringsItsOwnJetty() throws Exception {
        assertThat(jettyVersion("org.eclipse.jetty.util.Jetty"))
                .as("the Jetty on the class path, from WireMock")
                .startsWith("11.");
        assertThat(jettyVersion("dev.salvo.internal.shaded.jetty.util.Jetty"))
                .as("Salvo's bundled Jetty (missing: this module needs the packaged jar, run it with verify)")
                .startsWith("12.");
    }

    @Test
    void whatJettyLoadsBesideItsClassesMovedWithThem() throws Exception {
        // build.properties, read through a path string the relocation rewrote: VERSION falls back
        // to "unknown" without it.
        assertThat(jettyVersion("dev.salvo.internal.shaded.jetty.util.Jetty")).matches("12\\.1\\.\\d+");
        // mime.properties, read relative to the renamed MimeTypes class.
        Class<?> mimeTypes = Class.forName("dev.salvo.internal.shaded.jetty.http.MimeTypes");
        Object defaults = mimeTypes.getField("DEFAULTS").get(null);
        assertThat(mimeTypes.getMethod("getMimeByExtension", String.class).invoke(defaults, "drawing.svgz"))
                .isEqualTo("image/svg+xml");
        // META-INF/services, renamed and rewritten: the ALPN processor HTTP/2 over TLS needs.
        Class<?> alpn = Class.forName("dev.salvo.internal.shaded.jetty.io.ssl.ALPNProcessor$Client");
        assertThat(ServiceLoader.load(alpn, alpn.getClassLoader()).stream().map(p -> p.type().getName()))
                .containsExactly("dev.salvo.internal.shaded.jetty.alpn.java.client.JDK9ClientALPNProcessor");
    }

    @ConcurrentRequests(count = 20, url = "/ping?i={index}")
    void wireMockAnswersEveryRequestOfABurst(Responses responses) {
        assertThat(responses).hasSize(20).noneFailed().allHaveStatus(200);
        assertThat(responses.stream().map(r -> r.bodyAsString())).containsOnly("pong");
        List<LoggedRequest> arrived = wireMock.findAll(getRequestedFor(urlPathEqualTo("/ping")));
        assertThat(arrived.stream().map(r -> r.queryParameter("i").firstValue()).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, 20).mapToObj(Integer::toString).collect(Collectors.toSet()));
    }

    // named by 'prepare' below: the class also has a 'url' burst
    RequestSpec order(int index) {
        return RequestSpec.post(baseUrl() + "/orders", "{\"order\":" + index + "}", "application/json");
    }

    @ConcurrentRequests(count = 10, prepare = "order", release = Release.LAST_BYTE)
    void lastByteReleaseReachesWireMock(Responses responses) {
        assertThat(responses).hasSize(10).noneFailed().allHaveStatus(201);
        for (int index = 0; index < 10; index++) {
            assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/orders"))
                            .withRequestBody(equalToJson("{\"order\":" + index + "}"))))
                    .as("order %d, whole, at WireMock", index)
                    .hasSize(1);
        }
    }

    private static String jettyVersion(String className) throws Exception {
        return (String) Class.forName(className).getField("VERSION").get(null);
    }
}
