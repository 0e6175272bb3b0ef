package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Arrival times recorded by a {@link TimestampServer}, grouped by burst. A request's burst is the
 * first segment of its path: {@code /b17/42} belongs to burst {@code b17}. Safe for one
 * recording thread and any number of readers.
 */
final class Arrivals {

    private final Map<String, Queue<Long>> byBurst = new ConcurrentHashMap<>();

    /**
     * Records one arrival.
     *
     * @param path the request target, e.g. {@code /b17/42}
     * @param nanos {@link System#nanoTime()} when the request had fully arrived
     */
    void record(String path, long nanos) {
        byBurst.computeIfAbsent(burstOf(path), k -> new ConcurrentLinkedQueue<>()).add(nanos);
    }

    /**
     * Takes every arrival recorded so far for one burst, and forgets them.
     *
     * @param burst the burst's id, the first path segment of its requests
     * @return the arrival times, in {@link System#nanoTime()} units, in recording order
     */
    List<Long> take(String burst) {
        Queue<Long> recorded = byBurst.remove(burst);
        return recorded == null ? List.of() : new ArrayList<>(recorded);
    }

    static String burstOf(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }
}
