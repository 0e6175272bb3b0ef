package dev.salvo.internal.report;

import java.time.Duration;

/**
 * Decides when a page that grows with every burst is rewritten. A small page is rewritten
 * after every burst; a large one at most once per {@link #MIN_INTERVAL}, so that a run of
 * thousands of bursts does not spend its time rewriting ever longer files. What is left
 * unwritten is written by {@link ReportWriter#flush()}. Not thread-safe: the owner's lock
 * guards it. Not API.
 */
final class Rewrites {

    /** Pages listing at most this many bursts are rewritten after every burst. */
    static final int ALWAYS_UP_TO = 200;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private long lastWrite;
    private boolean written;
    private boolean pending;

    /**
     * Records a change and says whether to rewrite now.
     *
     * @param entries how many bursts the page lists
     * @param force rewrite whatever the size
     * @return whether the caller should rewrite the page now (and then call {@link #wrote()})
     */
    boolean changed(int entries, boolean force) {
        pending = true;
        return force || entries <= ALWAYS_UP_TO || !written || System.nanoTime() - lastWrite >= MIN_INTERVAL.toNanos();
    }

    /** Records that the page was just written. */
    void wrote() {
        written = true;
        pending = false;
        lastWrite = System.nanoTime();
    }

    /** @return whether a change has not been written yet */
    boolean pending() {
        return pending;
    }
}
