package dev.salvo.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the timestamping server saw of one burst.
 *
 * @param requests requests that arrived complete
 * @param spreadMillis last completion minus first completion, in ms (0 for fewer than 2 requests)
 * @param connections distinct connections that carried at least one request of the burst
 * @param reads distinct {@code read} calls that completed a request of the burst: for a release
 *     of withheld ends, the number of reads the ends arrived in
 * @param maxReadsPerConnection the most such reads on any one connection
 * @param writtenAhead requests whose first bytes were read before any request of the burst was
 *     complete: the requests that were sent ahead of the release
 */
record ServerSide(int requests, double spreadMillis, int connections, int reads, int maxReadsPerConnection,
        int writtenAhead) {

    static ServerSide of(List<Arrivals.Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return new ServerSide(0, 0, 0, 0, 0, 0);
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Arrivals.Arrival arrival : arrivals) {
            first = Math.min(first, arrival.completedNanos());
            last = Math.max(last, arrival.completedNanos());
        }
        Set<Long> reads = new HashSet<>();
        Map<Long, Set<Long>> readsByConnection = new HashMap<>();
        int ahead = 0;
        for (Arrivals.Arrival arrival : arrivals) {
            reads.add(arrival.read());
            readsByConnection.computeIfAbsent(arrival.connection(), c -> new HashSet<>()).add(arrival.read());
            if (arrival.firstByteNanos() < first) {
                ahead++;
            }
        }
        int maxPerConnection = readsByConnection.values().stream().mapToInt(Set::size).max().orElse(0);
        return new ServerSide(arrivals.size(), (last - first) / 1e6, readsByConnection.size(), reads.size(),
                maxPerConnection, ahead);
    }

    /** @return whether every connection's requests were completed by a single read each */
    boolean oneReadPerConnection() {
        return requests > 0 && reads == connections;
    }
}
