package dev.salvo.assertj;

import dev.salvo.Responses;

/**
 * Entry point for AssertJ assertions on the outcome of a burst.
 *
 * <pre>{@code
 * import static dev.salvo.assertj.SalvoAssertions.assertThat;
 *
 * assertThat(responses).hasSize(20).noneFailed().exactlyOneHasStatus(200);
 * }</pre>
 *
 * <p>Requires {@code org.assertj:assertj-core} on the test classpath. For soft assertions,
 * use {@code softly.proxy(ResponsesAssert.class, Responses.class, responses)}.
 *
 * @since 0.1.0
 */
public final class SalvoAssertions {

    private SalvoAssertions() {}

    /**
     * @param actual the responses of a burst
     * @return assertions on them
     */
    public static ResponsesAssert assertThat(Responses actual) {
        return new ResponsesAssert(actual);
    }
}
