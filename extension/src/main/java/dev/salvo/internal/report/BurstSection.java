package dev.salvo.internal.report;

import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.text.Format;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/** One burst's part of its test page: heading, outcome, summary, and the timeline. Not API. */
final class BurstSection {

    private BurstSection() {}

    /**
     * @return the burst's {@code <section>}
     */
    static String render(BurstReport report, BurstEntry entry) {
        BurstStats stats = entry.stats();
        StringBuilder html = new StringBuilder("<section class=\"burst\" id=\"").append(entry.anchor()).append("\">\n<header><h2>")
                .append(report.rounds() == 1 ? "Burst" : "Round " + Html.escape(entry.roundText())).append("</h2>")
                .append(badge(entry))
                .append("<span class=\"meta\">started ").append(report.startedAt().truncatedTo(ChronoUnit.MILLIS))
                .append(" \u00b7 <a href=\"").append(Html.escape(entry.jsonFile())).append("\">JSON</a></span></header>\n");
        if (entry.testFailed()) {
            html.append("<pre class=\"failure\">").append(Html.escape(entry.testFailure())).append("</pre>\n");
        }
        html.append(summary(stats, report.plan()));
        int drawnRows = TimelineSvg.drawnRows(stats.count());
        if (drawnRows < stats.count()) {
            html.append("<p class=\"note\">Showing requests #0 to #").append(drawnRows - 1).append(" of ").append(stats.count())
                    .append("; every request is in the JSON file.</p>\n");
        }
        html.append("<div class=\"timeline\">\n").append(TimelineSvg.render(report.responses(), stats)).append("</div>\n");
        return html.append("</section>\n").toString();
    }

    static String badge(BurstEntry entry) {
        return entry.testFailed() ? "<span class=\"badge failed\">test failed</span>" : "<span class=\"badge passed\">test passed</span>";
    }

    private static String summary(BurstStats stats, BurstPlan plan) {
        String statuses = stats.statusCounts().isEmpty() ? "none"
                : stats.statusCounts().entrySet().stream()
                        .map(e -> e.getValue() + "\u00d7" + e.getKey())
                        .collect(Collectors.joining(", "));
        return "<dl class=\"summary\">"
                + item("requests", String.valueOf(stats.count()))
                + item("statuses", statuses)
                + item("failed", String.valueOf(stats.failures()))
                + item("sent within", stats.sent() == 0 ? "nothing was sent" : Format.millis(stats.sendSpread()))
                + item("released within", Format.millis(stats.releaseSpread()))
                + (stats.answeredBeforeRelease() > 0
                        ? item("answered before the release", stats.answeredBeforeRelease() + " (the server did not wait for the withheld end)")
                        : "")
                + (stats.releasedWhole() > 0
                        ? item("released whole", stats.releasedWhole() + " (nothing of them was sent ahead of the release)")
                        : "")
                + (stats.connections() > 0 ? item("connections", String.valueOf(stats.connections())) : "")
                + (stats.releaseWrites() > 0 ? item("release writes", String.valueOf(stats.releaseWrites())) : "")
                + item("latency p50", stats.p50().map(Format::millis).orElse("\u2013"))
                + item("latency p99", stats.p99().map(Format::millis).orElse("\u2013"))
                + item("barrier", plan.barrier() ? "on" : "off")
                + item("max in flight", plan.maxInFlight() == 0 ? "no cap" : String.valueOf(plan.maxInFlight()))
                + item("timeout", plan.timeout().toMillis() + " ms")
                + item("release", plan.release().name())
                + item("protocol", plan.protocol() == dev.salvo.Protocol.HTTP_2 ? "HTTP/2" : "HTTP/1.1")
                + stats.gate().map(gate -> item("write gate", gate.toString())).orElse("")
                + "</dl>\n";
    }

    private static String item(String name, String value) {
        return "<div><dt>" + Html.escape(name) + "</dt><dd>" + Html.escape(value) + "</dd></div>";
    }
}
