package dev.salvo.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.client.HttpResponseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each of WireMock's connection faults against a burst of 50: every request is accounted for,
 * at its own index, as a failure of the expected kind, and the burst ends in bounded time.
 *
 * <p>The cases share one WireMock server and run one at a time, so that each burst of 50 meets a
 * server serving only it: four bursts at once on two busy cores made WireMock answer some
 * requests later than the 1 s timeout.
 */
@Execution(ExecutionMode.SAME_THREAD)
class WireMockFaultsTest {

    private static final int COUNT = 50;
    /**
     * Every fault ends its requests by itself (a reset, a close, garbage): a generous timeout, so
     * that a busy machine never turns one of them into a timeout; only a hang would wait this long.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final WireMockExtension WIRE_MOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .resetOnEachTest(false) // stubs are set once, below
            .build();

    @BeforeAll
    static void stubEveryFault() throws IOException {
        BurstChecks.warmUp();
        for (Fault fault : Fault.values()) {
            WIRE_MOCK.stubFor(get(urlPathMatching("/" + path(fault) + "/[0-9]+")).willReturn(aResponse().withFault(fault)));
            // One request per fault first: WireMock's first answer of each kind is slow on a busy machine.
            Burst.of(1).baseUrl(WIRE_MOCK.baseUrl()).prepare(i -> RequestSpec.get(uri(fault, 999))).fire();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.class)
    void everyRequestIsAccountedForInBoundedTime(Fault fault) {
        BurstChecks.Timed run = BurstChecks.timed(() -> Burst.of(COUNT)
                .baseUrl(WIRE_MOCK.baseUrl())
                .prepare(i -> RequestSpec.get(uri(fault, i)))
                .timeout(TIMEOUT)
                .fire());

        BurstChecks.record("WireMock " + fault, run);
        BurstChecks.assertEveryIndexAccountedFor(run.responses(), COUNT, i -> uri(fault, i));
        // A reset, an empty answer and a broken chunk all end the connection early; garbage is a
        // protocol violation, unless the connection closed before the parser saw any.
        List<Class<? extends Throwable>> expected = fault == Fault.RANDOM_DATA_THEN_CLOSE
                ? List.of(HttpResponseException.class, IOException.class)
                : List.of(IOException.class);
        BurstChecks.assertEveryRequestFailedWith(run.responses(), expected);
        assertThat(run.elapsed()).isLessThan(BurstChecks.generousBound(TIMEOUT));
    }

    private static String uri(Fault fault, int index) {
        return "/" + path(fault) + "/" + index;
    }

    private static String path(Fault fault) {
        return fault.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
