package dev.salvo.samples.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When requests reached the server, as {@link System#nanoTime()} readings taken the moment the
 * server hands each one to the application. The spread of these readings is what a race
 * depends on: how close together the requests really arrived. Thread-safe.
 */
public final class ArrivalLog {

    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());

    void record(long nanoTime) {
        arrivals.add(nanoTime);
    }

    /** Forgets every arrival, for example before the next burst. */
    public void clear() {
        arrivals.clear();
    }

    /** @return how many requests arrived */
    public int count() {
        return arrivals.size();
    }

    /** @return the arrival readings, in arrival order */
    public List<Long> nanoTimes() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** @return the earliest arrival reading */
    public long first() {
        return nanoTimes().stream().mapToLong(Long::longValue).min()
                .orElseThrow(() -> new IllegalStateException("no request has arrived"));
    }

    /** @return from the first arrival to the last; zero for fewer than two */
    public Duration spread() {
        List<Long> all = nanoTimes();
        if (all.size() < 2) {
            return Duration.ZERO;
        }
        long min = all.stream().mapToLong(Long::longValue).min().getAsLong();
        long max = all.stream().mapToLong(Long::longValue).max().getAsLong();
        return Duration.ofNanos(max - min);
    }
}
