package dev.salvo.internal.report;

import dev.salvo.GateHold;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import dev.salvo.internal.text.Format;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The summary figures of one burst, computed once. Latency percentiles use the nearest-rank
 * method over complete responses only, so that timeouts do not pose as slow answers. Not API.
 *
 * @param count how many requests
 * @param statusCounts status to count, complete responses only, in status order
 * @param failures how many requests failed
 * @param sent how many requests were written whole
 * @param outcomes how many requests ended each way
 * @param sendSpread from the first request written to the last
 * @param releaseSpread from the first request released to the last
 * @param p50 median latency (release to completion) of complete responses, if any
 * @param p99 99th percentile latency of complete responses, if any
 * @param connections the connections the burst's requests used (0 when not known)
 * @param releaseWrites the socket writes the release step made
 * @param answeredBeforeRelease requests whose answer began before their release
 * @param releasedWhole requests the release wrote whole, nothing of them sent ahead
 * @param gate what the write gate did, with {@code holdWrites}
 */
record BurstStats(int count, Map<Integer, Long> statusCounts, int failures, int sent, Map<Outcome, Integer> outcomes,
        Duration sendSpread, Duration releaseSpread, Optional<Duration> p50, Optional<Duration> p99,
        int connections, int releaseWrites, int answeredBeforeRelease, int releasedWhole, Optional<GateHold> gate) {

    static BurstStats of(Responses responses) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        responses.forEach(result -> outcomes.merge(Outcome.of(result), 1, Integer::sum));
        List<Duration> latencies = responses.stream()
                .filter(RequestResult::hasResponse)
                .map(result -> result.timeline().latency())
                .flatMap(Optional::stream)
                .sorted()
                .toList();
        int sent = (int) responses.stream().filter(result -> result.timeline().sent().isPresent()).count();
        return new BurstStats(responses.size(), responses.statusCounts(), responses.failures().size(), sent,
                Map.copyOf(outcomes), responses.sendSpread(), responses.releaseSpread(),
                percentile(latencies, 50), percentile(latencies, 99), responses.connections(), responses.releaseWrites(),
                responses.answeredBeforeRelease().size(), responses.releasedWhole().size(), responses.gateHold());
    }

    /** @return the nearest-rank percentile of sorted values, empty when there are none */
    static Optional<Duration> percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }

    /** @return "10 requests, 9×200, 1×500, 1 failed", as {@link Format#counts} writes it */
    String counts() {
        return Format.counts(count, statusCounts, failures);
    }

    /**
     * @return "sent within 0.420 ms, p50 3.10 ms, p99 5.20 ms" (percentiles only when known), or
     *     "nothing was sent"
     */
    String timings() {
        StringBuilder text = new StringBuilder(Format.sent(sent, count, sendSpread));
        p50.ifPresent(value -> text.append(", p50 ").append(Format.millis(value)));
        p99.ifPresent(value -> text.append(", p99 ").append(Format.millis(value)));
        return text.toString();
    }

    /** @return how many requests ended this way */
    int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }
}
