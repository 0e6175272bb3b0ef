package dev.salvo;

import dev.salvo.internal.text.Format;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the write gate did during one burst run with {@code holdWrites}: how many of the burst's
 * requests reached their first database write, how many it held there, for how long, and what
 * opened it. See {@code dev.salvo.jdbc.WriteGate}.
 *
 * <pre>{@code
 * GateHold gate = responses.gateHold().orElseThrow();
 * assertThat(gate.opening()).isEqualTo(GateHold.Opening.ALL_ARRIVED);   // or assertThat(responses).allReachedTheGate()
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GateHold {

    /** What opened the gate. */
    public enum Opening {
        /**
         * Every request of the burst had reached its first write, ended its database work, or
         * been answered: every read came before any write. The hold the race test asked for.
         */
        ALL_ARRIVED,
        /**
         * The requests still to come were waiting for a database connection that the held ones
         * kept (a pool smaller than the burst): the gate let the held ones write rather than
         * wait for the bound.
         */
        CONNECTIONS_EXHAUSTED,
        /** The hold bound passed before every request arrived; those that had arrived went on. */
        BOUND,
        /** The burst ended (its requests answered, failed or were aborted) while the gate was closed. */
        BURST_ENDED,
        /** No request of the burst wrote while the gate was armed: there was nothing to hold. */
        NO_WRITES,
        /**
         * The gate was not armed: another burst with {@code holdWrites} held the JVM's gate for
         * longer than this burst would wait. Nothing was held.
         */
        NOT_ARMED
    }

    private final int requests;
    private final int reached;
    private final int held;
    private final int ended;
    private final Duration bound;
    private final Opening opening;
    private final Duration heldFrom;
    private final Duration openedAt;

    private GateHold(int requests, int reached, int held, int ended, Duration bound, Opening opening,
            Duration heldFrom, Duration openedAt) {
        this.requests = requests;
        this.reached = reached;
        this.held = held;
        this.ended = ended;
        this.bound = bound;
        this.opening = opening;
        this.heldFrom = heldFrom;
        this.openedAt = openedAt;
    }

    /**
     * A gate's outcome.
     *
     * @param requests the burst's requests
     * @param reached requests that reached their first write before the gate opened, from 0 to {@code requests}
     * @param held of those, how many waited at the gate, from 0 to {@code reached}
     * @param ended the burst's threads that ended their database work without a write before the gate opened
     * @param bound the longest the gate holds
     * @param opening what opened it
     * @param heldFrom when the first write was held, from the burst's start; {@code null} when none was
     * @param openedAt when the gate opened, from the burst's start; {@code null} when none was held
     * @return a new outcome
     * @throws IllegalArgumentException if a count is out of range, or only one of the instants is given
     */
    public static GateHold of(int requests, int reached, int held, int ended, Duration bound, Opening opening,
            Duration heldFrom, Duration openedAt) {
        if (requests < 1 || reached < 0 || reached > requests || held < 0 || held > reached || ended < 0) {
            throw new IllegalArgumentException("gate counts out of range: requests " + requests + ", reached " + reached
                    + ", held " + held + ", ended " + ended);
        }
        if ((heldFrom == null) != (openedAt == null) || heldFrom != null && openedAt.compareTo(heldFrom) < 0) {
            throw new IllegalArgumentException("a hold needs both its start and its end, the end not before the start: "
                    + heldFrom + ", " + openedAt);
        }
        return new GateHold(requests, reached, held, ended, Objects.requireNonNull(bound, "bound"),
                Objects.requireNonNull(opening, "opening"), heldFrom, openedAt);
    }

    /** @return the burst's requests */
    public int requests() {
        return requests;
    }

    /** @return the burst's requests that reached their first write before the gate opened */
    public int reached() {
        return reached;
    }

    /** @return of the requests that reached their first write, how many waited at the gate */
    public int held() {
        return held;
    }

    /**
     * @return the burst's requests counted as arrived because their thread ended some database
     *     work (a commit, a rollback, or a connection given back) before it wrote, and before the
     *     gate opened: a request that decided not to write, or one that read on a connection of
     *     its own (as {@code JdbcTemplate} outside a transaction does) and wrote on the next
     */
    public int ended() {
        return ended;
    }

    /** @return the longest the gate holds a burst's writes */
    public Duration bound() {
        return bound;
    }

    /** @return what opened the gate */
    public Opening opening() {
        return opening;
    }

    /** @return whether the gate held the requests that reached it until every request had arrived */
    public boolean allArrived() {
        return opening == Opening.ALL_ARRIVED;
    }

    /** @return whether the hold bound, not the requests, ended the hold */
    public boolean boundEndedTheHold() {
        return opening == Opening.BOUND;
    }

    /** @return how long the gate was closed with a write waiting at it; zero when none waited */
    public Duration holdTime() {
        return heldFrom == null ? Duration.ZERO : openedAt.minus(heldFrom);
    }

    /** @return when the first write was held, from the burst's start; empty when none was */
    public Optional<Duration> heldFrom() {
        return Optional.ofNullable(heldFrom);
    }

    /** @return when the gate opened with writes waiting, from the burst's start; empty when none waited */
    public Optional<Duration> openedAt() {
        return Optional.ofNullable(openedAt);
    }

    /**
     * @return for example "write gate: 20 of 20 requests reached their first write, 19 held for
     *     1.42 ms until all had arrived"
     */
    @Override
    public String toString() {
        if (opening == Opening.NOT_ARMED) {
            return "write gate: not armed, another burst with holdWrites held it; nothing was held";
        }
        if (opening == Opening.NO_WRITES) {
            return "write gate: no request wrote while it was armed" + endedText();
        }
        String text = "write gate: " + reached + " of " + requests + " requests reached their first write" + endedText()
                + ", " + held + " held for " + Format.millis(holdTime());
        return text + switch (opening) {
            case ALL_ARRIVED -> " until all had arrived";
            case CONNECTIONS_EXHAUSTED -> ", until the others waited for a database connection the held ones kept";
            case BOUND -> ", until the bound of " + bound.toMillis() + " ms ended the hold";
            case BURST_ENDED -> ", until the burst ended";
            default -> "";
        };
    }

    private String endedText() {
        return ended == 0 ? "" : ", " + ended + " ended their database work first";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GateHold that && requests == that.requests && reached == that.reached && held == that.held
                && ended == that.ended && bound.equals(that.bound) && opening == that.opening
                && Objects.equals(heldFrom, that.heldFrom) && Objects.equals(openedAt, that.openedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requests, reached, held, ended, bound, opening, heldFrom, openedAt);
    }
}
