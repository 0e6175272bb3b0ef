package dev.salvo.internal.report;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the reports of a run into one directory: per burst a JSON file, per test method an
 * HTML page with every round's timeline, and {@code index.html} listing every burst.
 *
 * <p>One writer serves a whole run and may be called from many threads at once. The JSON
 * file is written before {@link #write} returns; the test page and the index too, except that
 * pages listing more than {@value Rewrites#ALWAYS_UP_TO} bursts are rewritten at most once a
 * second, so {@link #close()} (or {@link #flush()}) must run at the end. Files are replaced
 * whole, so a browser never sees half a page. Not API.
 */
public final class ReportWriter implements AutoCloseable {

    private final Path directory;
    private final FileNames fileNames = new FileNames();
    private final Map<String, TestPage> pages = new ConcurrentHashMap<>();
    private final IndexPage index;

    /** @param directory where reports go; created when the first report is written */
    public ReportWriter(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.index = new IndexPage(directory);
    }

    /**
     * The page a test method's bursts go to, known before any of them is written.
     *
     * @param test the test method
     * @return its HTML page
     */
    public Path pageFor(ReportedTest test) {
        return page(test).file();
    }

    private TestPage page(ReportedTest test) {
        return pages.computeIfAbsent(test.uniqueId(), id -> new TestPage(test, fileNames.base(test), directory));
    }

    /**
     * Writes one burst's report.
     *
     * @param report the burst
     * @return the files that show it
     * @throws java.io.UncheckedIOException naming the file when a file cannot be written
     */
    public Written write(BurstReport report) {
        Objects.requireNonNull(report, "report");
        BurstStats stats = BurstStats.of(report.responses());
        TestPage page = page(report.test());
        Path json = directory.resolve(page.jsonFileName(report));
        ReportFiles.write(json, BurstJson.render(report, stats));
        BurstEntry entry;
        synchronized (page) {
            entry = page.add(report, stats);
        }
        synchronized (index) {
            index.add(entry);
        }
        return new Written(page.file(), json);
    }

    /**
     * The test method's page as it stands, written first if a change is pending, for a copy
     * kept elsewhere: its links still lead to this directory's files.
     *
     * @param test the test method
     * @return the page's HTML
     * @throws java.io.UncheckedIOException naming the file when it cannot be written or read
     */
    public String pageCopy(ReportedTest test) {
        TestPage page = page(test);
        synchronized (page) {
            page.flush();
            return page.copyForElsewhere();
        }
    }

    /**
     * The files that show one burst.
     *
     * @param page the test method's HTML page, which shows every round
     * @param json the burst's JSON file
     */
    public record Written(Path page, Path json) {}

    /** Writes every page that has changes not written yet. */
    public void flush() {
        for (TestPage page : pages.values()) {
            synchronized (page) {
                page.flush();
            }
        }
        synchronized (index) {
            index.flush();
        }
    }

    /** Flushes; the writer stays usable. */
    @Override
    public void close() {
        flush();
    }

    @Override
    public String toString() {
        return "ReportWriter[" + directory + "]";
    }
}
