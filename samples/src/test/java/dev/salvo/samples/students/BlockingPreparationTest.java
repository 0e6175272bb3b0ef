package dev.salvo.samples.students;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Blocking preparation: every request needs a student id that only a slow database lookup
 * (a query plus 20-98 ms) can give. Three ways to send 20 such requests, each measured at the
 * server:
 *
 * <ol>
 *   <li>a plain sequential loop: look up, send, look up, send... slow, and the requests never
 *       meet at the server;
 *   <li>{@code barrier = false}: the lookups run in parallel and each request goes out as soon
 *       as its own lookup finishes: fast, but spread over the lookups' different durations;
 *   <li>{@code barrier = true}: the lookups run in parallel, every request waits for the
 *       slowest, then all are released together: fast and together.
 * </ol>
 *
 * <p>The methods run in order on one thread (the figures of one must not be disturbed by
 * another) against one server, whose arrival log is cleared before each.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class BlockingPreparationTest {

    private static final int STUDENTS = 20;

    private StudentApp app;
    private final AtomicLong lastPreparedAt = new AtomicLong();
    private final List<String> figures = new ArrayList<>();

    @BeforeAll
    void startService() {
        app = StudentApp.start(STUDENTS);
    }

    @AfterAll
    void stopService() {
        System.out.println("[sample] blocking preparation: " + STUDENTS + " requests to GET /students/{id}, each id from an"
                + " H2 query plus 20-98 ms of simulated latency (" + totalLookupTime().toMillis() + " ms in all)");
        figures.forEach(line -> System.out.println("[sample]   " + line));
        app.close();
    }

    @BeforeEach
    void clearMeasurements() {
        app.server().arrivals().clear();
        lastPreparedAt.set(0);
    }

    @BaseUrl
    String baseUrl() {
        return app.server().baseUrl();
    }

    // tag::blocking-prepare[]
    @PrepareRequest
    RequestSpec student(int index) {
        int id = app.lookUpId("student-" + index); // blocks: a query plus 20-98 ms
        lastPreparedAt.accumulateAndGet(System.nanoTime(), Math::max);
        return RequestSpec.get("/students/" + id);
    }
    // end::blocking-prepare[]

    @Test
    @Order(1)
    void sequentialLoop() throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        long start = System.nanoTime();
        try {
            for (int index = 0; index < STUDENTS; index++) {
                RequestSpec spec = student(index);
                ContentResponse response = client.newRequest(baseUrl() + spec.uri())
                        .timeout(10, TimeUnit.SECONDS)
                        .send();
                assertThat(response.getStatus()).as("status of %s", spec).isEqualTo(200);
            }
        } finally {
            client.stop();
        }
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        assertThat(app.server().arrivals().count()).isEqualTo(STUDENTS);
        // One at a time: the last request cannot leave before every lookup has run in turn.
        assertThat(total).isGreaterThanOrEqualTo(totalLookupTime());
        report("sequential loop", total, "");
    }

    // tag::blocking-no-barrier[]
    @Order(2)
    @ConcurrentRequests(count = STUDENTS, barrier = false, rounds = 3)
    void withoutBarrier(Responses responses) {
        assertThat(responses).hasSize(STUDENTS).allHaveStatus(200);
        // Each request left as soon as its own lookup finished, while slower lookups still ran.
        Duration firstReleased = responses.stream()
                .map(r -> r.timeline().released().orElseThrow()).min(Comparator.naturalOrder()).orElseThrow();
        Duration lastPrepared = responses.stream()
                .map(r -> r.timeline().prepared().orElseThrow()).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(firstReleased).isLessThan(lastPrepared);
        report("barrier = false", responses);
    }
    // end::blocking-no-barrier[]

    // tag::blocking-barrier[]
    @Order(3)
    @ConcurrentRequests(count = STUDENTS, barrier = true, rounds = 3)
    void withBarrier(Responses responses) {
        assertThat(responses).hasSize(STUDENTS).allHaveStatus(200);
        // Every request waited for the slowest lookup: none reached the server before it ended.
        assertThat(app.server().arrivals().first()).isGreaterThan(lastPreparedAt.get());
        report("barrier = true", responses);
    }
    // end::blocking-barrier[]

    /** Notes a burst's figures: from its first preparation to its last response. */
    private void report(String how, Responses responses) {
        Duration total = responses.stream()
                .map(result -> result.timeline().completed().orElse(Duration.ZERO))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        report(how, total, String.format(Locale.ROOT, "   client-side send spread %6.1f ms", millis(responses.sendSpread())));
    }

    private void report(String how, Duration total, String more) {
        figures.add(String.format(Locale.ROOT, "%-16s total %7.1f ms   server-side arrival spread %7.1f ms",
                how, millis(total), millis(app.server().arrivals().spread())) + more);
    }

    private static Duration totalLookupTime() {
        Duration sum = Duration.ZERO;
        for (int i = 0; i < STUDENTS; i++) {
            sum = sum.plus(StudentApp.simulatedLatency(i));
        }
        return sum;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
