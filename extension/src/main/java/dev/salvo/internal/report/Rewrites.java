package dev.salvo.internal.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Writes a page that grows with every burst, and decides when. A small page is rewritten
 * after every burst; a large one at most once per {@link #MIN_INTERVAL}, so that a run of
 * thousands of bursts does not spend its time rewriting ever longer files. What is left
 * unwritten is written by {@link #flush()}, which {@link ReportWriter#flush()} calls. Not
 * thread-safe: the owner's lock guards it. Not API.
 */
final class Rewrites {

    /** Pages listing at most this many bursts are rewritten after every burst. */
    static final int ALWAYS_UP_TO = 200;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final Supplier<String> render;
    private long lastWrite;
    private boolean written;
    private boolean pending;

    /**
     * @param file the page
     * @param render the page's whole text as it stands
     */
    Rewrites(Path file, Supplier<String> render) {
        this.file = file;
        this.render = render;
    }

    /**
     * Records a change and rewrites the page if it is due.
     *
     * @param entries how many bursts the page lists
     * @param force rewrite whatever the size
     * @return whether the page was rewritten
     */
    boolean changed(int entries, boolean force) {
        pending = true;
        if (force || entries <= ALWAYS_UP_TO || !written || System.nanoTime() - lastWrite >= MIN_INTERVAL.toNanos()) {
            write();
            return true;
        }
        return false;
    }

    /** Writes the page if a change is not written yet. */
    void flush() {
        if (pending) {
            write();
        }
    }

    private void write() {
        ReportFiles.write(file, render.get());
        written = true;
        pending = false;
        lastWrite = System.nanoTime();
    }
}
