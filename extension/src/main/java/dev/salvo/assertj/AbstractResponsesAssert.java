package dev.salvo.assertj;

import dev.salvo.GateHold;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import dev.salvo.internal.text.Failures;
import dev.salvo.internal.text.Format;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the {@link Responses} of a burst, open to extension the AssertJ way: a
 * subclass adds its own checks and keeps every inherited one chainable.
 *
 * <pre>{@code
 * public class CouponResponsesAssert extends AbstractResponsesAssert<CouponResponsesAssert> {
 *     public CouponResponsesAssert(Responses actual) {
 *         super(actual, CouponResponsesAssert.class);
 *     }
 *
 *     public CouponResponsesAssert redeemedOnce() {
 *         return exactlyOneHasStatus(200).hasStatusCount(409, actual.size() - 1);
 *     }
 * }
 * }</pre>
 *
 * <p>Every failure message shows the offending results as a small table (index, status, time,
 * failure) and a summary of the whole burst.
 *
 * @param <SELF> the concrete assertion type, returned by every check
 * @since 0.1.0
 */
public abstract class AbstractResponsesAssert<SELF extends AbstractResponsesAssert<SELF>> extends AbstractAssert<SELF, Responses> {

    private static final int MAX_ROWS = 20;

    /**
     * @param actual the responses under test
     * @param selfType the concrete assertion class
     */
    protected AbstractResponsesAssert(Responses actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies the number of results.
     *
     * @param expected the expected count
     * @return this
     */
    public SELF hasSize(int expected) {
        isNotNull();
        if (actual.size() != expected) {
            throw failure("Expected %d results, but the burst has %d.%n%s", expected, actual.size(), summary());
        }
        return myself;
    }

    /**
     * Verifies that every request got a complete response with this status.
     *
     * @param status the expected status code
     * @return this
     */
    public SELF allHaveStatus(int status) {
        return allHaveStatusIn(status);
    }

    /**
     * Verifies that every request got a complete response with one of these statuses.
     *
     * @param statuses the allowed status codes
     * @return this
     */
    public SELF allHaveStatusIn(int... statuses) {
        isNotNull();
        List<Integer> allowed = Arrays.stream(statuses).boxed().toList();
        List<RequestResult> offending = matching(r -> !r.hasResponse() || !allowed.contains(r.status()));
        if (!offending.isEmpty()) {
            throw failure("Expected all %d responses to have status %s, but %d did not:%n%s%n%s", actual.size(),
                    allowed.size() == 1 ? allowed.get(0) : "in " + allowed, offending.size(), table(offending), summary());
        }
        return myself;
    }

    /**
     * Verifies that no request failed: every one got a complete response, whatever its status.
     *
     * @return this
     */
    public SELF noneFailed() {
        isNotNull();
        List<RequestResult> failed = actual.failures();
        if (!failed.isEmpty()) {
            throw failure("Expected no failed requests, but %d of %d failed:%n%s%n%s", failed.size(), actual.size(),
                    table(failed), summary());
        }
        return myself;
    }

    /**
     * Verifies that the server answered no request before its release: every answer began after
     * the request's withheld end was written. A server that answers before a request's end (a
     * 401 before reading the body, a proxy answering at once) defeats the simultaneous release;
     * this makes a race test say so instead of passing on requests that never raced.
     *
     * @return this
     * @since 0.1.0
     */
    public SELF noneAnsweredBeforeRelease() {
        isNotNull();
        List<RequestResult> early = actual.answeredBeforeRelease();
        if (!early.isEmpty()) {
            throw failure("Expected every answer to follow its request's release, but %d of %d began before it"
                    + " (the server did not wait for the withheld end):%n%s%n%s", early.size(), actual.size(),
                    table(early), summary());
        }
        return myself;
    }

    /**
     * Verifies how many complete responses have this status.
     *
     * @param status the status code
     * @param times the expected number of responses with it
     * @return this
     */
    public SELF hasStatusCount(int status, int times) {
        isNotNull();
        List<RequestResult> withStatus = matching(r -> r.hasResponse() && r.status() == status);
        if (withStatus.size() != times) {
            throw failure("Expected %d response(s) with status %d, but found %d:%n%s%n%s", times, status,
                    withStatus.size(), table(withStatus), summary());
        }
        return myself;
    }

    /**
     * Verifies that exactly one complete response has this status: the usual check that only
     * one of many simultaneous attempts won.
     *
     * @param status the status code
     * @return this
     */
    public SELF exactlyOneHasStatus(int status) {
        return hasStatusCount(status, 1);
    }

    /**
     * Verifies that at most one complete response has this status.
     *
     * @param status the status code
     * @return this
     */
    public SELF atMostOneHasStatus(int status) {
        isNotNull();
        List<RequestResult> withStatus = matching(r -> r.hasResponse() && r.status() == status);
        if (withStatus.size() > 1) {
            throw failure("Expected at most one response with status %d, but found %d:%n%s%n%s", status,
                    withStatus.size(), table(withStatus), summary());
        }
        return myself;
    }

    /**
     * Verifies that the requests were all written within this window, measured at the client
     * ({@link Responses#sendSpread()}).
     *
     * @param window the largest acceptable spread
     * @return this
     */
    public SELF wereSentWithin(Duration window) {
        isNotNull();
        Duration spread = actual.sendSpread();
        if (spread.compareTo(window) > 0) {
            throw failure("Expected the requests to be sent within %s, but the send spread was %s.%n%s",
                    Format.millis(window), Format.millis(spread), summary());
        }
        return myself;
    }

    /**
     * Verifies that the write gate held the burst's first writes until every request of the
     * burst had arrived: each reached its first write, ended its database work, or was
     * answered, before any wrote. A race test that asks for this fails when the gate could not
     * do its work (the bound ended the hold, the database pool was smaller than the burst, no
     * request wrote, or the burst ran without {@code holdWrites}) instead of passing on a round
     * in which the requests never raced.
     *
     * @return this
     * @since 0.1.0
     */
    public SELF allReachedTheGate() {
        isNotNull();
        GateHold gate = actual.gateHold().orElse(null);
        if (gate == null) {
            throw failure("Expected the write gate to have held the burst's writes, but the burst ran without holdWrites;"
                    + " set holdWrites = true and wrap the service's DataSource with WriteGate.wrap.%n%s", summary());
        }
        if (!gate.allArrived()) {
            throw failure("Expected every request to reach the write gate before it opened, but it opened because %s.%n%s",
                    why(gate), summary());
        }
        return myself;
    }

    private static String why(GateHold gate) {
        int missing = gate.requests() - gate.reached() - gate.ended();
        return switch (gate.opening()) {
            case BOUND -> "its bound of " + gate.bound().toMillis() + " ms passed with " + Math.max(0, missing) + " of "
                    + gate.requests() + " requests still to come (a server with fewer threads than the burst, a lock taken"
                    + " before the first write, or requests that never reach the database)";
            case CONNECTIONS_EXHAUSTED -> "the requests still to come waited for a database connection the held ones kept;"
                    + " give the pool at least " + gate.requests() + " connections";
            case BURST_ENDED -> "the burst ended first";
            case NO_WRITES -> "no request of the burst wrote while it was armed (is the service's DataSource wrapped with"
                    + " WriteGate.wrap, and does the service run in this JVM?)";
            case NOT_ARMED -> "another burst with holdWrites held the JVM's gate for longer than this burst could wait";
            case ALL_ARRIVED -> "every request arrived";
        };
    }

    private List<RequestResult> matching(Predicate<RequestResult> predicate) {
        return actual.stream().filter(predicate).collect(Collectors.toList());
    }

    private String summary() {
        return "Burst: " + actual + actual.reportFile().map(file -> "\nReport: " + file).orElse("");
    }

    /** The offending results as a compact table, at most {@value #MAX_ROWS} rows. */
    static String table(List<RequestResult> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "  %-6s %-6s %-10s %s%n", "index", "status", "time", "failure"));
        results.stream().limit(MAX_ROWS).forEach(r -> table.append(String.format(Locale.ROOT, "  %-6d %-6s %-10s %s",
                r.index(),
                r.status() == 0 ? "-" : Integer.toString(r.status()),
                r.timeline().latency().map(Format::millis).orElse("-"),
                r.failure().map(Failures::describe).orElse(""))
                .stripTrailing()).append('\n'));
        if (results.size() > MAX_ROWS) {
            table.append("  ... and ").append(results.size() - MAX_ROWS).append(" more\n");
        }
        if (results.isEmpty()) {
            table.append("  (none)\n");
        }
        return table.toString().stripTrailing();
    }
}
