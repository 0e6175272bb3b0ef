package dev.salvo.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report page of one test method: every round's summary, and the timelines of the first
 * {@value #MAX_DRAWN_ROUNDS} rounds plus up to {@value #MAX_DRAWN_FAILED_ROUNDS} rounds whose
 * test failed. Once every round has arrived the page is written and its drawings are dropped
 * from memory. Callers hold the page's lock. Not API.
 */
final class TestPage {

    static final int MAX_DRAWN_ROUNDS = 10;
    static final int MAX_DRAWN_FAILED_ROUNDS = 10;

    private final ReportedTest test;
    private final String base;
    private final Path file;
    private final Map<Integer, BurstEntry> entries = new TreeMap<>();
    private final Map<Integer, String> sections = new TreeMap<>();
    private final Rewrites rewrites;
    private int drawn;
    private int drawnFailed;
    private int declaredRounds = 1;

    TestPage(ReportedTest test, String base, Path directory) {
        this.test = test;
        this.base = base;
        this.file = directory.resolve(fileName());
        this.rewrites = new Rewrites(file, this::render);
    }

    String fileName() {
        return base + ".html";
    }

    Path file() {
        return file;
    }

    /** @return "CouponTest.redeem.json", or "CouponTest.redeem.round-2.json" for a method with rounds */
    String jsonFileName(BurstReport report) {
        return report.rounds() == 1 ? base + ".json" : base + ".round-" + report.round() + ".json";
    }

    /**
     * Adds a burst, drawing its timeline if the page still draws rounds of its kind, and
     * writes the page if it is due.
     *
     * @return the burst's entry, for the index
     */
    BurstEntry add(BurstReport report, BurstStats stats) {
        declaredRounds = report.rounds();
        boolean failed = report.testFailure() != null;
        boolean draw = failed ? drawnFailed < MAX_DRAWN_FAILED_ROUNDS : drawn < MAX_DRAWN_ROUNDS;
        BurstEntry entry = BurstEntry.of(report, stats, fileName(), jsonFileName(report), draw);
        entries.put(report.round(), entry);
        if (draw) {
            if (failed) {
                drawnFailed++;
            } else {
                drawn++;
            }
            sections.put(report.round(), BurstSection.render(report, entry));
        }
        boolean complete = entries.size() >= declaredRounds;
        if (rewrites.changed(entries.size(), complete) && complete) {
            sections.clear(); // written in full: the drawings are no longer needed
        }
        return entry;
    }

    /** Writes the page if a change is not written yet. */
    void flush() {
        rewrites.flush();
    }

    /**
     * The page as written, with a {@code <base>} that points its relative links (the index,
     * the JSON files, the rounds' anchors) at this page, for a copy kept in another directory.
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    String copyForElsewhere() {
        String html;
        try {
            html = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Salvo could not read the report page " + file.toAbsolutePath()
                    + ": " + unreadable, unreadable);
        }
        String base = "<base href=\"" + Html.escape(file.toAbsolutePath().toUri().toString()) + "\">\n";
        int head = html.indexOf("<head>\n");
        return head < 0 ? html : html.substring(0, head + 7) + base + html.substring(head + 7);
    }

    String render() {
        StringBuilder html = new StringBuilder(Html.head("Salvo: " + test.shortName()))
                .append("<h1>").append(Html.escape(test.shortName())).append("</h1>\n")
                .append("<p class=\"sub\">").append(Html.escape(test.displayName())).append(" \u00b7 <span class=\"mono\">")
                .append(Html.escape(test.className())).append("</span> \u00b7 <a href=\"index.html\">all bursts of the run</a></p>\n")
                .append(Html.legend());
        if (declaredRounds > 1) {
            List<BurstEntry> rounds = new ArrayList<>(entries.values());
            html.append("<p class=\"meta\">").append(entries.size()).append(" of ").append(declaredRounds)
                    .append(" rounds reported; timelines drawn for ").append(drawn + drawnFailed).append(".</p>\n")
                    .append(BurstTable.render(rounds, false, entry -> entry.drawn() ? "#" + entry.anchor() : entry.jsonFile()));
        }
        sections.values().forEach(html::append);
        return html.append(Html.foot()).toString();
    }
}
