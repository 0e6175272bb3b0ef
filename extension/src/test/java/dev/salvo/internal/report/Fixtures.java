package dev.salvo.internal.report;

import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.internal.plan.BurstPlan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Bursts with known content and timelines, built from the public result types. */
final class Fixtures {

    static final Instant STARTED = Instant.parse("2026-03-01T10:15:30.123456Z");
    static final long MS = 1_000_000;

    private Fixtures() {}

    static ReportedTest test(String className, String method) {
        return new ReportedTest("[engine:junit-jupiter]/[class:" + className + "]/[test-template:" + method + "()]",
                className, method, method + "()");
    }

    static RequestResult.Timeline timeline(double prepared, double released, double sent, double firstByte, double completed) {
        return RequestResult.Timeline.ofNanos(nanos(prepared), nanos(released), nanos(sent), nanos(firstByte), nanos(completed));
    }

    private static long nanos(double millis) {
        return millis < 0 ? -1 : Math.round(millis * MS);
    }

    static RequestResult ok(int index, String uri, int status, String body, RequestResult.Timeline timeline) {
        return RequestResult.response(index, RequestSpec.get(uri), status, Map.of("Content-Type", List.of("text/plain")),
                body.getBytes(StandardCharsets.UTF_8), timeline);
    }

    /**
     * Three requests: #0 200 after 4 ms, #1 a POST answered 500, #2 timed out with no response.
     * Sent at 2.1, 2.3 and 2.2 ms: send spread 0.2 ms; released at 2.0, 2.05, 2.1: spread 0.1 ms.
     */
    static Responses threeRequests() {
        return Responses.of(List.of(
                ok(0, "/coupons/A/redeem", 200, "hello", timeline(1, 2, 2.1, 5, 6)),
                RequestResult.response(1, RequestSpec.post("/orders", "abc", "text/plain"), 500, Map.of(), new byte[0],
                        timeline(1.5, 2.05, 2.3, 4, 4.05)),
                RequestResult.failure(2, RequestSpec.get("/slow"), 0, Map.of(),
                        new TimeoutException("no response within 400 ms"), timeline(1.2, 2.1, 2.2, -1, 402.1))),
                STARTED);
    }

    /** @param count requests, all 200, each 1 ms after the previous */
    static Responses many(int count) {
        List<RequestResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(ok(i, "/item/" + i, 200, "", timeline(0.5, 1, 1.01 + i * 0.001, 2 + i * 0.01, 2.5 + i * 0.01)));
        }
        return Responses.of(results, STARTED);
    }

    static BurstReport report(ReportedTest test, int round, int rounds, Responses responses) {
        return new BurstReport(test, round, rounds, BurstPlan.defaults(responses.size()), responses, null);
    }
}
