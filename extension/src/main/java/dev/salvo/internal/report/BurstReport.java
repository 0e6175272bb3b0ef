package dev.salvo.internal.report;

import dev.salvo.Responses;
import dev.salvo.internal.plan.BurstPlan;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one burst's report shows: which test and round, the plan it ran with, what came
 * back, and how the test judged it. Not API.
 *
 * @param test the test method
 * @param round this round, from 1
 * @param rounds how many rounds the method runs
 * @param plan the plan the burst ran with
 * @param responses the burst's results; {@link Responses#startedAt()} is its wall-clock start
 * @param testFailure why the test failed, or {@code null} when it passed
 */
public record BurstReport(ReportedTest test, int round, int rounds, BurstPlan plan, Responses responses,
        Throwable testFailure) {

    public BurstReport {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(responses, "responses");
        if (rounds < 1 || round < 1 || round > rounds) {
            throw new IllegalArgumentException("round must be within 1.." + rounds + ", but was " + round);
        }
    }

    /** @return when the burst started, by the wall clock */
    public Instant startedAt() {
        return responses.startedAt();
    }

    /** @return why the test failed, if it did */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(testFailure);
    }
}
