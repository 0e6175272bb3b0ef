package dev.salvo.internal.report;

import dev.salvo.internal.text.Format;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/** A table of bursts, one row each with its summary and links; used by the index and the test pages. Not API. */
final class BurstTable {

    private BurstTable() {}

    /**
     * @param entries the bursts, in the order to show
     * @param withTest whether to show the test column (the index does, a test page does not)
     * @param link where a burst's row links to, relative to the page holding the table
     * @return a {@code <table>}
     */
    static String render(List<BurstEntry> entries, boolean withTest, Function<BurstEntry, String> link) {
        StringBuilder html = new StringBuilder("<table class=\"bursts\">\n<thead><tr><th>Started (UTC)</th>");
        if (withTest) {
            html.append("<th>Test</th>");
        }
        html.append("<th>Round</th><th>Requests</th><th class=\"num\">Failed</th><th class=\"num\">Sent within</th>"
                + "<th class=\"num\">p50</th><th class=\"num\">p99</th><th>Test outcome</th><th>Data</th></tr></thead>\n<tbody>\n");
        for (BurstEntry entry : entries) {
            BurstStats stats = entry.stats();
            html.append(entry.testFailed() ? "<tr class=\"burst-row failed\">" : "<tr class=\"burst-row\">")
                    .append("<td class=\"mono\">").append(entry.startedAt().truncatedTo(ChronoUnit.MILLIS)).append("</td>");
            if (withTest) {
                html.append("<td><a href=\"").append(Html.escape(link.apply(entry))).append("\">")
                        .append(Html.escape(entry.test().shortName())).append("</a></td>");
                html.append("<td>").append(Html.escape(entry.roundText())).append("</td>");
            } else {
                html.append("<td><a href=\"").append(Html.escape(link.apply(entry))).append("\">")
                        .append(Html.escape(entry.roundText())).append("</a></td>");
            }
            html.append("<td>").append(Html.escape(stats.counts())).append("</td>")
                    .append("<td class=\"num\">").append(stats.failures()).append("</td>")
                    .append("<td class=\"num\">").append(stats.sent() == 0 ? "nothing sent" : Format.millis(stats.sendSpread())).append("</td>")
                    .append("<td class=\"num\">").append(stats.p50().map(Format::millis).orElse("\u2013")).append("</td>")
                    .append("<td class=\"num\">").append(stats.p99().map(Format::millis).orElse("\u2013")).append("</td>")
                    .append("<td>").append(BurstSection.badge(entry)).append("</td>")
                    .append("<td><a href=\"").append(Html.escape(entry.jsonFile())).append("\">JSON</a></td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }
}
