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

    /** @return where reports go */
    public Path directory() {
        return directory;
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
     * @return the test method's HTML page, which shows this burst
     * @throws java.io.UncheckedIOException naming the file when a file cannot be written
     */
    public Path write(BurstReport report) {
        Objects.requireNonNull(report, "report");
        BurstStats stats = BurstStats.of(report.responses());
        TestPage page = page(report.test());
        ReportFiles.write(directory.resolve(page.jsonFileName(report)), BurstJson.render(report, stats));
        BurstEntry entry;
        synchronized (page) {
            entry = page.add(report, stats);
        }
        synchronized (index) {
            index.add(entry);
        }
        return page.file();
    }

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
