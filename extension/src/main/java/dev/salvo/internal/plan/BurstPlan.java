package dev.salvo.internal.plan;

import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.internal.text.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the engine needs to run one burst, validated once. Not API.
 *
 * <p>The constructor rejects every out-of-range value with an {@link IllegalArgumentException}
 * whose message names the attribute, the value and the allowed range; {@link #checkCombined()}
 * rejects attributes that cannot run together. Callers add where the values came from (the
 * annotation and method, or {@code Burst}).
 *
 * @param count requests per burst
 * @param barrier whether to hold every request until all are prepared
 * @param prepareThreads size of the preparation pool, 0 for automatic
 * @param maxInFlight cap on requests in flight, 0 for none
 * @param timeout per request, from release to complete response
 * @param prepareTimeout bound on the whole preparation step
 * @param baseUrl base for relative request URIs, or {@code null}
 * @param maxBodyBytes largest response body kept; a larger one fails that request
 * @param release how requests leave the client at the release
 * @param protocol the HTTP version
 * @param holdWrites whether the write gate holds the burst's first writes until all have read
 * @param holdBound the longest the write gate holds a burst's writes
 */
public record BurstPlan(
        int count,
        boolean barrier,
        int prepareThreads,
        int maxInFlight,
        Duration timeout,
        Duration prepareTimeout,
        URI baseUrl,
        long maxBodyBytes,
        Release release,
        Protocol protocol,
        boolean holdWrites,
        Duration holdBound) {

    public static final int MAX_COUNT = 10_000;
    public static final int MAX_PREPARE_THREADS = 1_000;
    public static final int AUTO_PREPARE_THREADS_CAP = 32;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PREPARE_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** The longest timeout accepted: one day. */
    public static final long MAX_TIMEOUT_MILLIS = 86_400_000L;
    public static final Duration DEFAULT_HOLD_BOUND = Duration.ofMillis(250);
    /** The longest hold bound accepted: one minute. */
    public static final long MAX_HOLD_BOUND_MILLIS = 60_000L;

    public BurstPlan {
        Checks.inRange("count", count, 1, MAX_COUNT);
        Checks.inRange("prepareThreads", prepareThreads, 0, MAX_PREPARE_THREADS);
        Checks.inRange("maxInFlight", maxInFlight, 0, MAX_COUNT);
        Checks.positive("timeout", timeout);
        Checks.positive("prepareTimeout", prepareTimeout);
        Checks.inRange("maxBodyBytes", maxBodyBytes, 0, Integer.MAX_VALUE - 8);
        if (baseUrl != null) {
            Urls.checkBase(baseUrl);
        }
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(holdBound, "holdBound");
        if (holdBound.isNegative() || holdBound.isZero() || holdBound.toMillis() > MAX_HOLD_BOUND_MILLIS) {
            throw new IllegalArgumentException("'holdBound' = " + holdBound.toMillis() + " ms is out of range: allowed 1.."
                    + MAX_HOLD_BOUND_MILLIS + " ms");
        }
    }

    /**
     * Checks the rules that combine attributes, which the withers leave alone so that the order
     * of changes never matters.
     *
     * @return this plan
     * @throws IllegalArgumentException naming the attributes that cannot run together, and what to use instead
     */
    public BurstPlan checkCombined() {
        if (release == Release.LAST_BYTE && maxInFlight > 0 && maxInFlight < count) {
            throw new IllegalArgumentException("'release' = LAST_BYTE sends every request ahead, so it cannot be combined"
                    + " with 'maxInFlight' = " + maxInFlight + "; use PRECONNECT or AUTO, or drop the cap");
        }
        if (holdWrites && effectiveInFlight() < count) {
            throw new IllegalArgumentException("'holdWrites' = true holds each request at its first write until all "
                    + count + " have arrived, so it cannot be combined with 'maxInFlight' = " + maxInFlight
                    + ", which keeps the rest from being sent; drop the cap or 'holdWrites'");
        }
        if (holdWrites && holdBound.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("the hold bound (" + holdBound.toMillis() + " ms) must be shorter than the"
                    + " request timeout (" + timeout.toMillis() + " ms), or a held request would time out; lower the"
                    + " bound or raise the timeout");
        }
        if (release == Release.LAST_BYTE && !barrier) {
            throw new IllegalArgumentException("'release' = LAST_BYTE needs a barrier, but 'barrier' = false;"
                    + " use AUTO or PRECONNECT, or set barrier = true");
        }
        return this;
    }

    /**
     * @return whether requests are written ahead of the release except their ends: with a
     *     barrier, no cap below {@code count}, and a release mode other than PRECONNECT
     */
    public boolean withholdsEnds() {
        return barrier && release != Release.PRECONNECT && effectiveInFlight() == count;
    }

    /** A plan with the defaults: barrier on, automatic pool, no cap, 10 s timeout. */
    public static BurstPlan defaults(int count) {
        return new BurstPlan(count, true, 0, 0, DEFAULT_TIMEOUT, DEFAULT_PREPARE_TIMEOUT, null, DEFAULT_MAX_BODY_BYTES,
                Release.AUTO, Protocol.HTTP_1_1, false, DEFAULT_HOLD_BOUND);
    }

    /** @return the preparation pool's size: the explicit value, or {@code min(count, 32)} */
    public int effectivePrepareThreads() {
        return Math.min(count, prepareThreads > 0 ? prepareThreads : AUTO_PREPARE_THREADS_CAP);
    }

    /** @return how many requests can be in flight at once */
    public int effectiveInFlight() {
        return maxInFlight > 0 ? Math.min(count, maxInFlight) : count;
    }

    public BurstPlan withBarrier(boolean value) {
        return new BurstPlan(count, value, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withPrepareThreads(int value) {
        return new BurstPlan(count, barrier, value, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withMaxInFlight(int value) {
        return new BurstPlan(count, barrier, prepareThreads, value, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withTimeout(Duration value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, value, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withPrepareTimeout(Duration value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, value, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withBaseUrl(URI value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, value, maxBodyBytes,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withMaxBodyBytes(long value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, value,
                release, protocol, holdWrites, holdBound);
    }

    public BurstPlan withRelease(Release value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                value, protocol, holdWrites, holdBound);
    }

    public BurstPlan withProtocol(Protocol value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, value, holdWrites, holdBound);
    }

    public BurstPlan withHoldWrites(boolean value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, value, holdBound);
    }

    public BurstPlan withHoldBound(Duration value) {
        return new BurstPlan(count, barrier, prepareThreads, maxInFlight, timeout, prepareTimeout, baseUrl, maxBodyBytes,
                release, protocol, holdWrites, value);
    }

    /** Checks shared by the plan and its callers. */
    public static final class Checks {
        private Checks() {}

        public static void inRange(String attribute, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("'" + attribute + "' = " + value + " is out of range: allowed "
                        + min + ".." + max);
            }
        }

        public static void positive(String attribute, Duration value) {
            Objects.requireNonNull(value, attribute);
            if (value.isNegative() || value.isZero() || value.toMillis() > MAX_TIMEOUT_MILLIS) {
                throw new IllegalArgumentException("'" + attribute + "' = " + value.toMillis()
                        + " ms is out of range: allowed 1.." + MAX_TIMEOUT_MILLIS + " ms");
            }
        }
    }
}
