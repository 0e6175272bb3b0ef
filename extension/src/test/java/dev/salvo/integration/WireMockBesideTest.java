package dev.salvo.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** WireMock's JUnit extension and Salvo side by side; WireMock's runtime info injected next to Responses. */
@WireMockTest
class WireMockBesideTest {

    @BaseUrl
    String baseUrl;

    @BeforeEach
    void stub(WireMockRuntimeInfo wireMock) {
        baseUrl = wireMock.getHttpBaseUrl();
        wireMock.getWireMock().register(get(urlPathMatching("/stock/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @ConcurrentRequests(count = 12, url = "/stock/{index}")
    void wireMockSeesEveryRequest(Responses responses, WireMockRuntimeInfo wireMock, TestInfo info) {
        assertThat(responses).hasSize(12).noneFailed().allHaveStatus(200);
        assertThat(wireMock.getWireMock().find(getRequestedFor(urlPathMatching("/stock/.*")))).hasSize(12);
        assertThat(wireMock.getWireMock().find(getRequestedFor(urlEqualTo("/stock/11")))).hasSize(1);
        assertThat(info.getTestMethod()).isPresent();
    }
}
