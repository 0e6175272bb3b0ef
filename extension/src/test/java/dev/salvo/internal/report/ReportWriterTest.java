package dev.salvo.internal.report;

import static dev.salvo.internal.report.Fixtures.STARTED;
import static dev.salvo.internal.report.Fixtures.report;
import static dev.salvo.internal.report.Fixtures.test;
import static dev.salvo.internal.report.Fixtures.threeRequests;
import static dev.salvo.internal.report.Fixtures.timeline;
import static dev.salvo.internal.report.MiniJson.array;
import static dev.salvo.internal.report.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.GateHold;
import dev.salvo.Protocol;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.internal.plan.BurstPlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Pattern ROW = Pattern.compile("<g class=\"row o-([a-z0-9]+)\" data-index=\"(\\d+)\"");

    @TempDir
    Path dir;

    @Test
    void jsonHoldsThePlanTheSummaryAndEveryRequestWithItsTimeline() throws IOException {
        BurstPlan plan = BurstPlan.defaults(3).withBarrier(false).withMaxInFlight(2).withTimeout(Duration.ofMillis(400))
                .withBaseUrl(URI.create("http://127.0.0.1:8080/api/")).withProtocol(Protocol.HTTP_2);
        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(new BurstReport(test("dev.example.CouponTest", "redeem"), 1, 1, plan, threeRequests(), null));
        }

        Map<String, Object> json = object(MiniJson.parse(read("dev.example.CouponTest.redeem.json")));
        assertThat(json).containsEntry("format", new BigDecimal(1)).containsEntry("round", new BigDecimal(1))
                .containsEntry("rounds", new BigDecimal(1)).containsEntry("startedAt", "2026-03-01T10:15:30.123456Z")
                .containsEntry("testFailed", false).containsEntry("testFailure", null);
        assertThat(object(json.get("test"))).containsEntry("className", "dev.example.CouponTest")
                .containsEntry("methodName", "redeem").containsEntry("displayName", "redeem()");
        assertThat(object(json.get("plan"))).containsEntry("count", new BigDecimal(3)).containsEntry("barrier", false)
                .containsEntry("maxInFlight", new BigDecimal(2)).containsEntry("timeoutMillis", new BigDecimal("400"))
                .containsEntry("baseUrl", "http://127.0.0.1:8080/api/")
                .containsEntry("effectivePrepareThreads", new BigDecimal(3))
                .containsEntry("release", "AUTO").containsEntry("protocol", "HTTP_2");
        Map<String, Object> summary = object(json.get("summary"));
        assertThat(object(summary.get("statusCounts"))).containsExactly(
                Map.entry("200", new BigDecimal(1)), Map.entry("500", new BigDecimal(1)));
        assertThat(summary).containsEntry("count", new BigDecimal(3)).containsEntry("failures", new BigDecimal(1))
                .containsEntry("sendSpreadMillis", new BigDecimal("0.2"))
                .containsEntry("releaseSpreadMillis", new BigDecimal("0.1"))
                .containsEntry("latencyP50Millis", new BigDecimal("2"))
                .containsEntry("latencyP99Millis", new BigDecimal("4"));

        List<Object> requests = array(json.get("requests"));
        assertThat(requests).hasSize(3);
        Map<String, Object> first = object(requests.get(0));
        assertThat(first).containsEntry("index", new BigDecimal(0)).containsEntry("method", "GET")
                .containsEntry("uri", "/coupons/A/redeem").containsEntry("status", new BigDecimal(200))
                .containsEntry("outcome", "2xx").containsEntry("responseBodyBytes", new BigDecimal(5))
                .containsEntry("requestBodyBytes", new BigDecimal(0)).containsEntry("failure", null);
        assertThat(object(first.get("timeline"))).containsExactly(
                Map.entry("preparedMillis", new BigDecimal("1")), Map.entry("releasedMillis", new BigDecimal("2")),
                Map.entry("sentMillis", new BigDecimal("2.1")), Map.entry("firstByteMillis", new BigDecimal("5")),
                Map.entry("completedMillis", new BigDecimal("6")), Map.entry("latencyMillis", new BigDecimal("4")));
        assertThat(object(requests.get(1))).containsEntry("method", "POST").containsEntry("requestBodyBytes", new BigDecimal(3))
                .containsEntry("outcome", "5xx");
        Map<String, Object> timedOut = object(requests.get(2));
        assertThat(timedOut).containsEntry("status", new BigDecimal(0)).containsEntry("outcome", "failed");
        assertThat(object(timedOut.get("failure"))).containsEntry("type", "java.util.concurrent.TimeoutException")
                .containsEntry("message", "no response within 400 ms");
        assertThat(object(timedOut.get("timeline"))).containsEntry("firstByteMillis", null)
                .containsEntry("completedMillis", new BigDecimal("402.1")).containsEntry("latencyMillis", new BigDecimal("400"));
    }

    @Test
    void requestsReleasedWholeAreCountedInTheSummaryAndMarkedInTheJson() throws IOException {
        Path page;
        try (ReportWriter writer = new ReportWriter(dir)) {
            page = writer.write(new BurstReport(test("dev.example.WholeTest", "some"), 1, 1, BurstPlan.defaults(3),
                    threeRequests().withReleasedWhole(List.of(1)), null)).page();
            writer.write(new BurstReport(test("dev.example.WholeTest", "none"), 1, 1, BurstPlan.defaults(3), threeRequests(), null));
        }
        Map<String, Object> json = object(MiniJson.parse(read("dev.example.WholeTest.some.json")));
        assertThat(object(json.get("summary"))).containsEntry("releasedWhole", new BigDecimal(1));
        List<Object> requests = array(json.get("requests"));
        assertThat(requests).extracting(r -> object(r).get("releasedWhole")).containsExactly(false, true, false);
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).contains("<dt>released whole</dt>");

        Map<String, Object> none = object(MiniJson.parse(read("dev.example.WholeTest.none.json")));
        assertThat(object(none.get("summary"))).containsEntry("releasedWhole", new BigDecimal(0));
        assertThat(read("dev.example.WholeTest.none.html")).as("no item when every request went ahead")
                .doesNotContain("<dt>released whole</dt>");
    }

    @Test
    void theWriteGatesHoldIsInTheJsonTheSummaryAndTheTimeline() throws IOException {
        BurstPlan plan = BurstPlan.defaults(3).withHoldWrites(true).withHoldBound(Duration.ofMillis(300));
        GateHold hold = GateHold.of(3, 3, 2, 0, Duration.ofMillis(300), GateHold.Opening.ALL_ARRIVED,
                Duration.ofMillis(3), Duration.ofMillis(4));
        Path page;
        try (ReportWriter writer = new ReportWriter(dir)) {
            page = writer.write(new BurstReport(test("dev.example.GateTest", "held"), 1, 1, plan,
                    threeRequests().withGateHold(hold), null)).page();
        }
        Map<String, Object> json = object(MiniJson.parse(read("dev.example.GateTest.held.json")));
        assertThat(object(json.get("plan"))).containsEntry("holdWrites", true).containsEntry("holdBoundMillis", new BigDecimal("300"));
        assertThat(object(object(json.get("summary")).get("gate"))).containsEntry("requests", new BigDecimal(3))
                .containsEntry("reached", new BigDecimal(3)).containsEntry("held", new BigDecimal(2))
                .containsEntry("opening", "ALL_ARRIVED").containsEntry("allArrived", true)
                .containsEntry("boundEndedTheHold", false).containsEntry("holdMillis", new BigDecimal("1"))
                .containsEntry("heldFromMillis", new BigDecimal("3")).containsEntry("openedAtMillis", new BigDecimal("4"));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).contains("<dt>write gate</dt>").contains("<g class=\"gate-hold\">").contains("writes held 1.00 ms");

        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(new BurstReport(test("dev.example.GateTest", "unheld"), 1, 1, BurstPlan.defaults(3), threeRequests(), null));
        }
        Map<String, Object> unheld = object(MiniJson.parse(read("dev.example.GateTest.unheld.json")));
        assertThat(object(unheld.get("summary"))).containsEntry("gate", null);
    }

    @Test
    void pageDrawsOneRowPerRequestColouredByOutcomeWithLegendAndMarkers() throws IOException {
        Path page;
        try (ReportWriter writer = new ReportWriter(dir)) {
            page = writer.write(report(test("dev.example.CouponTest", "redeem"), 1, 1, threeRequests())).page();
        }

        assertThat(page).isEqualTo(dir.resolve("dev.example.CouponTest.redeem.html"));
        String html = Files.readString(page);
        assertThat(rows(html)).containsExactly("0:2xx", "1:5xx", "2:failed");
        assertThat(count(html, "<g class=\"row ")).isEqualTo(3);
        for (Outcome outcome : Outcome.values()) {
            assertThat(html).contains("class=\"sw-" + outcome.key() + "\"", outcome.label());
        }
        assertThat(html).contains("preparing", "waiting at the barrier", "writing the request", "first byte, completion");
        String timeline = html.substring(html.indexOf("<div class=\"timeline\">"));
        assertThat(count(timeline, "<line class=\"release\"")).isEqualTo(1);
        assertThat(count(timeline, "<rect class=\"spread\"")).isEqualTo(1);
        assertThat(timeline).contains(">sent within 0.200 ms</text>", ">release</text>");
        assertThat(count(timeline, "<line class=\"fb\"")).as("first-byte markers").isEqualTo(2);
        assertThat(count(timeline, "<line class=\"done\"")).as("completion markers").isEqualTo(2);
        assertThat(count(timeline, "<path class=\"cross\"")).as("failure markers").isEqualTo(1);
        assertThat(html).contains("<dt>statuses</dt><dd>1\u00d7200, 1\u00d7500</dd>", "<dt>failed</dt><dd>1</dd>",
                "<dt>sent within</dt><dd>0.200 ms</dd>", "<dt>latency p50</dt><dd>2.00 ms</dd>",
                "<dt>latency p99</dt><dd>4.00 ms</dd>", "<dt>release</dt><dd>AUTO</dd>", "<dt>protocol</dt><dd>HTTP/1.1</dd>");
        assertThat(html).contains("#2 GET /slow \u2192 failed: TimeoutException: no response within 400 ms");
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void pagesAreSelfContained() throws IOException {
        Responses responses = Responses.of(List.of(Fixtures.ok(0, "https://cdn.example.com/lib.js", 200, "",
                timeline(1, 2, 3, 4, 5))), STARTED);
        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(report(test("dev.example.A", "b"), 1, 1, responses));
        }

        for (String name : List.of("dev.example.A.b.html", "index.html")) {
            String html = read(name);
            assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "style-src 'unsafe-inline'; img-src data:\">");
            assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                    .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe")
                    .doesNotContain("@import", "url(", "src=", "xlink:href", "xmlns=");
            Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
            while (links.find()) {
                assertThat(links.group(1)).as("link in %s", name).doesNotContain(":").doesNotStartWith("//");
            }
        }
        assertThat(read("dev.example.A.b.html")).as("the data itself may name remote URLs, as text")
                .contains("GET https://cdn.example.com/lib.js");
    }

    @Test
    void escapesMarkupAmpersandsAndQuotesInUrisAndMessages() throws IOException {
        String uri = "/search?q=<script>alert(\"x\")</script>&a='1'";
        String message = "boom </title><script>alert(1)</script> & \"quoted\" 'single'\nsecond line\u0001";
        Responses responses = Responses.of(List.of(
                Fixtures.ok(0, uri, 200, "", timeline(1, 2, 3, 4, 5)),
                RequestResult.failure(1, RequestSpec.get(uri), 0, Map.of(), new IllegalStateException(message),
                        timeline(1, 2, -1, -1, 3))), STARTED);
        ReportedTest weird = new ReportedTest("id-<&>", "dev.example.<Odd>&\"Test\"", "m<1>", "shows <b>bold</b> & \"more\"");
        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(new BurstReport(weird, 1, 1, BurstPlan.defaults(2), responses,
                    new AssertionError("expected <1> but was <2> & \"3\"")));
        }

        Map<String, Object> json = object(MiniJson.parse(read("dev.example._Odd___Test_.m_1_.json")));
        assertThat(object(array(json.get("requests")).get(0))).containsEntry("uri", uri);
        assertThat(object(object(array(json.get("requests")).get(1)).get("failure"))).containsEntry("message", message);
        assertThat(object(json.get("test"))).containsEntry("displayName", "shows <b>bold</b> & \"more\"");
        assertThat(object(json.get("testFailure"))).containsEntry("message", "expected <1> but was <2> & \"3\"");

        for (String name : List.of("dev.example._Odd___Test_.m_1_.html", "index.html")) {
            String html = read(name);
            assertThat(html).as(name).doesNotContain("<script", "<b>bold", "<Odd>", "<1>", "\u0001", "& \"");
        }
        String page = read("dev.example._Odd___Test_.m_1_.html");
        assertThat(page).contains("/search?q=&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;a=&#39;1&#39;",
                "boom &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;",
                "shows &lt;b&gt;bold&lt;/b&gt; &amp; &quot;more&quot;",
                "expected &lt;1&gt; but was &lt;2&gt; &amp; &quot;3&quot;");
        assertThat(read("index.html")).contains("&lt;Odd&gt;&amp;&quot;Test&quot;.m&lt;1&gt;");
    }

    @Test
    void neverWritesSecretHeaderValuesOrUserInfo() throws IOException {
        RequestSpec spec = RequestSpec.post("http://alice:s3cret-pw@127.0.0.1:9/orders", "{}", "application/json")
                .withHeader("Authorization", "Bearer tok-AUTH-123")
                .withHeader("cookie", "session=tok-COOKIE-456")
                .withHeader("Proxy-Authorization", "Basic tok-PROXY-789")
                .withHeader("X-Request-Id", "visible-42");
        Responses responses = Responses.of(List.of(RequestResult.response(0, spec, 201,
                Map.of("Set-Cookie", List.of("id=tok-SETCOOKIE-000; HttpOnly"), "Location", List.of("/orders/7")),
                new byte[0], timeline(1, 2, 3, 4, 5))), STARTED);
        BurstPlan plan = BurstPlan.defaults(1).withBaseUrl(URI.create("http://bob:base-pw@127.0.0.1:9/"));
        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(new BurstReport(test("dev.example.S", "m"), 1, 1, plan, responses, null));
        }

        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("tok-AUTH-123", "tok-COOKIE-456", "tok-PROXY-789", "tok-SETCOOKIE-000",
                                "s3cret-pw", "base-pw", "alice", "bob");
            }
        }
        Map<String, Object> request = object(array(object(MiniJson.parse(read("dev.example.S.m.json"))).get("requests")).get(0));
        assertThat(object(request.get("requestHeaders"))).containsEntry("Authorization", List.of("****"))
                .containsEntry("cookie", List.of("****")).containsEntry("Proxy-Authorization", List.of("****"))
                .containsEntry("X-Request-Id", List.of("visible-42"));
        assertThat(object(request.get("responseHeaders"))).containsEntry("Set-Cookie", List.of("****"))
                .containsEntry("Location", List.of("/orders/7"));
        assertThat(request).containsEntry("uri", "http://****@127.0.0.1:9/orders");
        assertThat(read("dev.example.S.m.html")).contains("POST http://****@127.0.0.1:9/orders");
    }

    @Test
    void roundsOfOneMethodShareOnePageAndEachHasItsJsonFile() throws IOException {
        ReportedTest test = test("dev.example.RaceTest", "twice");
        Path first;
        Path third;
        try (ReportWriter writer = new ReportWriter(dir)) {
            first = writer.write(report(test, 1, 3, threeRequests())).page();
            assertThat(count(Files.readString(first), "<section class=\"burst\"")).isEqualTo(1);
            writer.write(report(test, 2, 3, Fixtures.many(5)));
            third = writer.write(report(test, 3, 3, threeRequests())).page();
        }

        assertThat(third).isEqualTo(first);
        String html = Files.readString(first);
        assertThat(count(html, "<section class=\"burst\"")).isEqualTo(3);
        assertThat(html).contains("id=\"round-1\"", "id=\"round-2\"", "id=\"round-3\"", "Round 2 of 3", "3 of 3 rounds reported");
        assertThat(rows(html)).hasSize(3 + 5 + 3);
        assertThat(count(html, "<tr class=\"burst-row")).as("rounds table").isEqualTo(3);
        for (int round = 1; round <= 3; round++) {
            Map<String, Object> json = object(MiniJson.parse(read("dev.example.RaceTest.twice.round-" + round + ".json")));
            assertThat(json).containsEntry("round", new BigDecimal(round)).containsEntry("rounds", new BigDecimal(3));
        }
        String index = read("index.html");
        assertThat(count(index, "<tr class=\"burst-row")).isEqualTo(3);
        assertThat(index).contains("href=\"dev.example.RaceTest.twice.html#round-2\"",
                "href=\"dev.example.RaceTest.twice.round-2.json\"", "3 bursts of 1 test, 11 requests, 2 failed requests");
    }

    @Test
    void showsWhyTheTestFailed() throws IOException {
        try (ReportWriter writer = new ReportWriter(dir)) {
            writer.write(new BurstReport(test("dev.example.F", "m"), 1, 1, BurstPlan.defaults(3), threeRequests(),
                    new AssertionError("expected 1 response with status 201 but found 2")));
        }

        assertThat(read("dev.example.F.m.html")).contains("<span class=\"badge failed\">test failed</span>",
                "<pre class=\"failure\">AssertionError: expected 1 response with status 201 but found 2</pre>");
        assertThat(read("index.html")).contains("<tr class=\"burst-row failed\">", "1 test invocations failed");
        assertThat(object(MiniJson.parse(read("dev.example.F.m.json")))).containsEntry("testFailed", true);
    }

    @Test
    void largeBurstDrawsTheFirstRowsAndSaysSo() throws IOException {
        Responses responses = Fixtures.many(10_000);
        Path page;
        try (ReportWriter writer = new ReportWriter(dir)) {
            page = writer.write(report(test("dev.example.Big", "m"), 1, 1, responses)).page();
        }

        String html = Files.readString(page);
        assertThat(rows(html)).hasSize(TimelineSvg.MAX_ROWS).last().isEqualTo("1999:2xx");
        assertThat(html).contains("Showing requests #0 to #1999 of 10000; every request is in the JSON file.");
        String timeline = html.substring(html.indexOf("<div class=\"timeline\">"));
        assertThat(timeline).as("rows 2 px apart: no ticks").doesNotContain("class=\"fb\"", "class=\"done\"");
        assertThat(timeline).as("axis ends after the last drawn row (#1999 completes at 22.49 ms)")
                .contains(">25 ms</text>").doesNotContain(">30 ms</text>");
        assertThat(Files.size(page)).as("page size").isLessThan(1_500_000);
        assertThat(array(object(MiniJson.parse(read("dev.example.Big.m.json"))).get("requests"))).hasSize(10_000);
    }

    @Test
    void drawsAFewRoundsOfALongRunAndListsThemAll() throws IOException {
        ReportedTest test = test("dev.example.Long", "m");
        int rounds = 30;
        try (ReportWriter writer = new ReportWriter(dir)) {
            for (int round = 1; round <= rounds; round++) {
                Throwable failure = round % 4 == 0 ? new AssertionError("round " + round) : null;
                writer.write(new BurstReport(test, round, rounds, BurstPlan.defaults(3), threeRequests(), failure));
            }
        }

        String html = read("dev.example.Long.m.html");
        assertThat(count(html, "<tr class=\"burst-row")).isEqualTo(rounds);
        assertThat(count(html, "<section class=\"burst\"")).as("10 passed + 7 failed rounds drawn").isEqualTo(17);
        assertThat(html).contains("id=\"round-28\"", "id=\"round-13\"").doesNotContain("id=\"round-14\"");
        assertThat(html).contains("href=\"dev.example.Long.m.round-14.json\"");
    }

    @Test
    void writesNothingBeforeTheFirstBurst() {
        new ReportWriter(dir.resolve("reports")).close();

        assertThat(dir.resolve("reports")).doesNotExist();
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    static List<String> rows(String html) {
        Matcher matcher = ROW.matcher(html);
        List<String> rows = new java.util.ArrayList<>();
        while (matcher.find()) {
            rows.add(matcher.group(2) + ":" + matcher.group(1));
        }
        return rows;
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
