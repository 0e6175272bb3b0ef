package dev.salvo.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code index.html}: every burst of the run, in the order they were reported. Callers hold the page's lock. Not API. */
final class IndexPage {

    static final String FILE_NAME = "index.html";

    private final List<BurstEntry> entries = new ArrayList<>();
    private final Rewrites rewrites;

    IndexPage(Path directory) {
        this.rewrites = new Rewrites(directory.resolve(FILE_NAME), this::render);
    }

    /** Adds a burst and writes the page if it is due. */
    void add(BurstEntry entry) {
        entries.add(entry);
        rewrites.changed(entries.size(), false);
    }

    /** Writes the page if a change is not written yet. */
    void flush() {
        rewrites.flush();
    }

    String render() {
        long tests = entries.stream().map(entry -> entry.test().uniqueId()).distinct().count();
        long requests = entries.stream().mapToLong(entry -> entry.stats().count()).sum();
        long failedRequests = entries.stream().mapToLong(entry -> entry.stats().failures()).sum();
        long failedBursts = entries.stream().filter(BurstEntry::testFailed).count();
        return Html.head("Salvo reports")
                + "<h1>Salvo reports</h1>\n<p class=\"sub\">" + entries.size() + (entries.size() == 1 ? " burst" : " bursts")
                + " of " + tests + (tests == 1 ? " test" : " tests") + ", " + requests + " requests, "
                + failedRequests + " failed requests; " + failedBursts + " test invocations failed.</p>\n"
                + BurstTable.render(entries, true, BurstEntry::pageLink)
                + Html.foot();
    }
}
