package dev.salvo;

import dev.salvo.internal.text.Format;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of one burst: one {@link RequestResult} per request, in request-index order.
 *
 * <p>A burst never loses a request: {@code size()} always equals the burst's count, and every
 * result holds either a complete response or a failure. Declare a parameter of this type on a
 * {@link ConcurrentRequests} method to receive it, and assert on it with
 * {@link dev.salvo.assertj.SalvoAssertions#assertThat(Responses)}:
 *
 * <pre>{@code
 * assertThat(responses).noneFailed().hasStatusCount(201, 1).hasStatusCount(409, 19);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Responses implements Iterable<RequestResult> {

    private final List<RequestResult> results;
    private final Instant startedAt;
    private final Path reportFile;
    private final int connections;
    private final int releaseWrites;
    private final GateHold gateHold;
    private final BitSet releasedWhole;

    private Responses(List<RequestResult> results, Instant startedAt, Path reportFile, int connections, int releaseWrites,
            GateHold gateHold, BitSet releasedWhole) {
        this.results = results;
        this.startedAt = startedAt;
        this.reportFile = reportFile;
        this.connections = connections;
        this.releaseWrites = releaseWrites;
        this.gateHold = gateHold;
        this.releasedWhole = releasedWhole;
    }

    /**
     * Responses from results; they must be in index order, indices 0 to {@code size - 1}.
     *
     * @param results the results, one per index
     * @param startedAt when the burst started; timelines are offsets from this instant
     * @return new responses
     * @throws IllegalArgumentException if an index is missing or out of order
     */
    public static Responses of(List<RequestResult> results, Instant startedAt) {
        List<RequestResult> copy = List.copyOf(results);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).index() != i) {
                throw new IllegalArgumentException("result at position " + i + " has index " + copy.get(i).index());
            }
        }
        return new Responses(copy, Objects.requireNonNull(startedAt, "startedAt"), null, 0, 0, null, new BitSet());
    }

    /**
     * The same responses, with the report that shows them.
     *
     * @param file the HTML report page of this burst
     * @return new responses
     */
    public Responses withReportFile(Path file) {
        return new Responses(results, startedAt, Objects.requireNonNull(file, "file"), connections, releaseWrites, gateHold,
                releasedWhole);
    }

    /**
     * The same responses, with what the burst did on the wire.
     *
     * @param connections the connections the burst's requests used
     * @param releaseWrites the socket writes the release step made
     * @return new responses
     * @since 0.1.0
     */
    public Responses withWire(int connections, int releaseWrites) {
        if (connections < 0 || releaseWrites < 0) {
            throw new IllegalArgumentException("connections and releaseWrites must be >= 0, but were "
                    + connections + " and " + releaseWrites);
        }
        return new Responses(results, startedAt, reportFile, connections, releaseWrites, gateHold, releasedWhole);
    }

    /**
     * The same responses, with what the write gate did.
     *
     * @param gateHold the outcome of the burst's write gate
     * @return new responses
     * @throws IllegalArgumentException if the outcome is of a burst of another size
     * @since 0.1.0
     */
    public Responses withGateHold(GateHold gateHold) {
        if (Objects.requireNonNull(gateHold, "gateHold").requests() != results.size()) {
            throw new IllegalArgumentException("the gate held a burst of " + gateHold.requests() + " requests, but these are "
                    + results.size());
        }
        return new Responses(results, startedAt, reportFile, connections, releaseWrites, gateHold, releasedWhole);
    }

    /**
     * What the write gate did, for a burst run with {@code holdWrites}: how many requests
     * reached their first write, how many it held, for how long, and what opened it.
     *
     * @return the gate's outcome; empty for a burst without {@code holdWrites}
     * @since 0.1.0
     */
    public Optional<GateHold> gateHold() {
        return Optional.ofNullable(gateHold);
    }

    /**
     * How many connections the burst's requests used. Over HTTP/1.1 every request has a
     * connection of its own, opened for it: a burst of N uses N (fewer only where a connection
     * could not be opened; with {@code barrier = false} or a {@code maxInFlight} cap, connections
     * opened after the release are not counted). Over HTTP/2, the connections the streams were
     * spread over. 0 when not known.
     *
     * @return the number of connections
     * @since 0.1.0
     */
    public int connections() {
        return connections;
    }

    /**
     * How many socket writes the release step made: with a last-byte release over HTTP/1.1 one
     * per request (its final byte); over HTTP/2 one per connection when every stream's end left
     * in a single write. 0 when nothing was held back for the release.
     *
     * @return the number of write calls the release made
     * @since 0.1.0
     */
    public int releaseWrites() {
        return releaseWrites;
    }

    /**
     * The same responses, with the requests the release wrote whole.
     *
     * @param indexes the indexes of the requests of which nothing was written ahead of the release
     * @return new responses
     * @throws IllegalArgumentException if an index is not one of these responses' (0 to size - 1)
     * @since 0.1.0
     */
    public Responses withReleasedWhole(Collection<Integer> indexes) {
        BitSet whole = new BitSet(results.size());
        for (Integer index : Objects.requireNonNull(indexes, "indexes")) {
            if (index == null || index < 0 || index >= results.size()) {
                throw new IllegalArgumentException("released-whole index must be 0 to " + (results.size() - 1) + ", but was " + index);
            }
            whole.set(index);
        }
        return new Responses(results, startedAt, reportFile, connections, releaseWrites, gateHold, whole);
    }

    /**
     * The requests the release wrote whole: nothing of them had been written ahead, so the
     * server read each of them whole after the release, not only a final byte or a stream's end.
     * With {@code Release.PRECONNECT} that is every request released. With a withheld end: a
     * request without a body over HTTPS and HTTP/1.1 (below TLS there is no byte to hold, above it
     * no body byte), and a request whose part ahead had not been written when the release came
     * (its connection did not take it within the staging bound; over HTTP/2, a stream whose HEADERS
     * frame Jetty had not yet written). Empty for a burst without one release ({@code barrier =
     * false}, or a {@code maxInFlight} below {@code count}: requests then go out as they can).
     *
     * @return those results, in index order; empty when every released request went ahead but its end
     * @since 0.1.0
     */
    public List<RequestResult> releasedWhole() {
        return releasedWhole.stream().mapToObj(results::get).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The requests whose answer began to arrive before they were released: the server answered
     * without waiting for the withheld end (a 401 before reading the body, a proxy answering at
     * once, an HTTP/2 server answering a GET on its HEADERS frame). Such a request did not take
     * part in the simultaneous release.
     *
     * @return those results, in index order; empty when every answer followed its release
     * @since 0.1.0
     */
    public List<RequestResult> answeredBeforeRelease() {
        return results.stream().filter(RequestResult::answeredBeforeRelease).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @return the HTML report page that shows this burst, when reports are written (the
     *     annotation path writes them by default, once the test has run; {@link Burst} does not)
     */
    public Optional<Path> reportFile() {
        return Optional.ofNullable(reportFile);
    }

    /** @return the number of results, equal to the burst's count */
    public int size() {
        return results.size();
    }

    /**
     * @param index a request index, from 0 to {@code size() - 1}
     * @return the result of that request
     */
    public RequestResult get(int index) {
        return results.get(index);
    }

    /** @return every result, in index order; unmodifiable */
    public List<RequestResult> asList() {
        return results;
    }

    /** @return the results in index order */
    public Stream<RequestResult> stream() {
        return results.stream();
    }

    @Override
    public Iterator<RequestResult> iterator() {
        return results.iterator();
    }

    /** @return status code to count, over complete responses only, in status order */
    public Map<Integer, Long> statusCounts() {
        return results.stream()
                .filter(RequestResult::hasResponse)
                .collect(Collectors.groupingBy(RequestResult::status, TreeMap::new, Collectors.counting()));
    }

    /** @return every result with a failure, in index order */
    public List<RequestResult> failures() {
        return results.stream().filter(r -> r.failure().isPresent()).collect(Collectors.toUnmodifiableList());
    }

    /** @return when the burst started (its first preparation); timelines are offsets from here */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * How close together the requests went out, measured at the client: from the first
     * request fully written to the last one. {@link Duration#ZERO} when fewer than two were
     * written.
     *
     * @return the client-side send spread
     */
    public Duration sendSpread() {
        return spread(r -> r.timeline().sent());
    }

    /**
     * From the first request handed to the HTTP client to the last one.
     *
     * @return the release spread
     */
    public Duration releaseSpread() {
        return spread(r -> r.timeline().released());
    }

    private Duration spread(java.util.function.Function<RequestResult, Optional<Duration>> step) {
        List<Duration> times = results.stream().map(step).flatMap(Optional::stream).sorted().toList();
        return times.size() < 2 ? Duration.ZERO : times.get(times.size() - 1).minus(times.get(0));
    }

    /**
     * @return a one-line summary: count, status counts, failures and send spread ("nothing was
     *     sent" when no request was written), and what the write gate did, if it was armed
     */
    @Override
    public String toString() {
        int sent = (int) results.stream().filter(r -> r.timeline().sent().isPresent()).count();
        return Format.counts(size(), statusCounts(), failures().size()) + ", " + Format.sent(sent, size(), sendSpread())
                + Format.answeredBeforeRelease(answeredBeforeRelease().size()) + (gateHold == null ? "" : "; " + gateHold);
    }
}
