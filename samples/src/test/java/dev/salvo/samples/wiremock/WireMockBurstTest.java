package dev.salvo.samples.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Bursts against a WireMock server whose stubs add latency or faults: how a service's
 * dependency behaves under simultaneous calls, and what Salvo reports when it misbehaves.
 * Each nested class stubs its dependency in {@code @BeforeEach}, which runs before the burst.
 *
 * <p>Salvo returns once the client has an outcome for every request. WireMock writes its
 * request journal on its own threads, and may still be serving requests that the client gave up
 * on, so the tests wait (with a bound) until the journal holds every request before verifying.
 */
@Execution(ExecutionMode.SAME_THREAD) // one WireMock server, its stubs and journal, serve every nested class
class WireMockBurstTest {

    @RegisterExtension
    static final WireMockExtension wiremock = WireMockExtension.newInstance()
            .options(wireMockConfig()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .containerThreads(64)
                    // Delayed responses wait on a scheduler instead of holding a server thread each.
                    .asynchronousResponseEnabled(true)
                    .asynchronousResponseThreads(8))
            .build();

    @BaseUrl
    static String baseUrl() {
        return "http://127.0.0.1:" + wiremock.getPort();
    }

    @Nested
    class SlowDependency {

        static final int DELAY_MILLIS = 200;

        @BeforeEach
        void stubSlowInventory() {
            wiremock.stubFor(get(urlPathMatching("/inventory/.*")).willReturn(ok("in stock").withFixedDelay(DELAY_MILLIS)));
        }

        // tag::wiremock-latency[]
        @ConcurrentRequests(count = 20, url = "/inventory/sku-{index}")
        void twentySlowCallsOverlap(Responses responses) {
            assertThat(responses).hasSize(20).allHaveStatus(200);
            responses.forEach(r -> assertThat(r.timeline().latency()).hasValueSatisfying(
                    latency -> assertThat(latency).isGreaterThanOrEqualTo(Duration.ofMillis(DELAY_MILLIS))));
            // One at a time they would take 20 x 200 ms; together, little more than 200 ms.
            assertThat(busy(responses)).isLessThan(Duration.ofMillis(20L * DELAY_MILLIS));

            awaitJournal(20);
            List<String> urls = wiremock.findAll(getRequestedFor(urlPathMatching("/inventory/.*"))).stream()
                    .map(LoggedRequest::getUrl).sorted().toList();
            assertThat(urls).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 20).mapToObj(i -> "/inventory/sku-" + i).toList());
            print("20 calls to a dependency that answers in 200 ms", responses);
        }
        // end::wiremock-latency[]

        @ConcurrentRequests(count = 20, maxInFlight = 5, url = "/inventory/sku-{index}")
        void maxInFlightSendsInWaves(Responses responses) {
            assertThat(responses).hasSize(20).allHaveStatus(200);
            // At most 5 at a time: at least 4 waves of 200 ms.
            assertThat(busy(responses)).isGreaterThanOrEqualTo(Duration.ofMillis(4L * DELAY_MILLIS));
            assertThat(mostInFlight(responses)).isLessThanOrEqualTo(5);
            awaitJournal(20);
            print("the same 20 calls with maxInFlight = 5", responses);
        }
    }

    @Nested
    class FlakyDependency {

        @BeforeEach
        void stubFlakyPricing() {
            wiremock.stubFor(get(urlPathMatching("/prices/.*")).willReturn(ok("9.99")));
            // Odd-numbered items reset the connection: a more specific stub added later wins.
            wiremock.stubFor(get(urlPathMatching("/prices/item-[0-9]*[13579]"))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }

        // tag::wiremock-faults[]
        @ConcurrentRequests(count = 20, url = "/prices/item-{index}")
        void resetConnectionsFailOnlyTheirOwnRequests(Responses responses) {
            assertThat(responses).hasSize(20);
            assertThat(responses.failures()).extracting(RequestResult::index)
                    .containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
            assertThat(responses).hasStatusCount(200, 10);
            awaitJournal(20);
            print("20 calls, the odd ones reset by the server", responses);
        }
        // end::wiremock-faults[]
    }

    @Nested
    class HangingDependency {

        @BeforeEach
        void stubHangingShipping() {
            wiremock.stubFor(get(urlPathMatching("/shipping/.*")).willReturn(ok("2 days").withFixedDelay(2_000)));
        }

        // tag::wiremock-timeout[]
        @ConcurrentRequests(count = 10, timeoutMillis = 300, url = "/shipping/order-{index}")
        void slowAnswersBecomeTimeouts(Responses responses) {
            assertThat(responses).hasSize(10);
            assertThat(responses.failures()).hasSize(10).allSatisfy(result ->
                    assertThat(result.failure()).containsInstanceOf(TimeoutException.class));
            // The server saw every request, though the client stopped waiting for the answers.
            awaitJournal(10);
            print("10 calls with timeoutMillis = 300 to a dependency that answers in 2 s", responses);
        }
        // end::wiremock-timeout[]
    }

    /** Waits, at most 5 s, until WireMock's journal holds this many requests. */
    private static void awaitJournal(int requests) {
        await("WireMock's request journal to hold " + requests + " requests")
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(wiremock.getAllServeEvents()).hasSize(requests));
    }

    /** From the first request released to the last one completed. */
    private static Duration busy(Responses responses) {
        long first = responses.stream().mapToLong(r -> r.timeline().released().orElseThrow().toNanos()).min().orElseThrow();
        long last = responses.stream().mapToLong(r -> r.timeline().completed().orElseThrow().toNanos()).max().orElseThrow();
        return Duration.ofNanos(last - first);
    }

    /** The most requests that were between release and completion at the same instant. */
    private static int mostInFlight(Responses responses) {
        List<long[]> events = new ArrayList<>();
        for (RequestResult r : responses) {
            events.add(new long[] {r.timeline().released().orElseThrow().toNanos(), +1});
            events.add(new long[] {r.timeline().completed().orElseThrow().toNanos(), -1});
        }
        // At equal times count completions first: a request released as another completes does not overlap it.
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int current = 0;
        int most = 0;
        for (long[] event : events) {
            current += (int) event[1];
            most = Math.max(most, current);
        }
        return most;
    }

    private static void print(String what, Responses responses) {
        System.out.println(String.format(Locale.ROOT, "[sample] wiremock: %s: %s; busy %.1f ms, at most %d in flight",
                what, responses, busy(responses).toNanos() / 1e6, mostInFlight(responses)));
    }
}
