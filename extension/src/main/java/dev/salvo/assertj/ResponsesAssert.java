package dev.salvo.assertj;

import dev.salvo.Responses;

/**
 * Assertions on the {@link Responses} of a burst, returned by
 * {@link SalvoAssertions#assertThat(Responses)}. Every failure message shows the offending
 * results as a small table (index, status, time, failure) and a summary of the whole burst.
 * To add checks of your own, extend {@link AbstractResponsesAssert}.
 *
 * @since 0.1.0
 */
public class ResponsesAssert extends AbstractResponsesAssert<ResponsesAssert> {

    /** @param actual the responses under test */
    public ResponsesAssert(Responses actual) {
        super(actual, ResponsesAssert.class);
    }
}
