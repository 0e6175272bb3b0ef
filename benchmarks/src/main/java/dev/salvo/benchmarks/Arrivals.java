package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Arrivals recorded by a {@link TimestampServer}, grouped by burst. A request's burst is the
 * first segment of its path: {@code /b17/42} belongs to burst {@code b17}. Safe for one
 * recording thread and any number of readers.
 */
final class Arrivals {

    /**
     * One request as the server read it.
     *
     * @param connection the server's number for the connection it came on, unique per server
     * @param read the server's number for the {@code read} call that completed it, unique per
     *     server: two requests with the same number were completed by one read
     * @param firstByteNanos {@link System#nanoTime()} right after the read that brought the
     *     request's first bytes (over HTTP/2: its HEADERS frame)
     * @param completedNanos {@link System#nanoTime()} right after the read that completed it
     */
    record Arrival(long connection, long read, long firstByteNanos, long completedNanos) {}

    private final Map<String, Queue<Arrival>> byBurst = new ConcurrentHashMap<>();

    /**
     * Records one arrival.
     *
     * @param path the request target, e.g. {@code /b17/42}
     * @param arrival what the server read, and when
     */
    void record(String path, Arrival arrival) {
        byBurst.computeIfAbsent(burstOf(path), k -> new ConcurrentLinkedQueue<>()).add(arrival);
    }

    /**
     * Takes every arrival recorded so far for one burst, and forgets them.
     *
     * @param burst the burst's id, the first path segment of its requests
     * @return the arrivals, in recording order
     */
    List<Arrival> take(String burst) {
        Queue<Arrival> recorded = byBurst.remove(burst);
        return recorded == null ? List.of() : new ArrayList<>(recorded);
    }

    static String burstOf(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }
}
