package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TimelineSvgTest {

    @Test
    void ticksAreRoundNumbersEndingSoonAfterTheLastCompletion() {
        assertThat(TimelineSvg.tickStep(410)).isEqualTo(50);
        assertThat(TimelineSvg.tickStep(6)).isEqualTo(1);
        assertThat(TimelineSvg.tickStep(0.42)).isEqualTo(0.05, Offset.offset(1e-12));
        assertThat(TimelineSvg.tickStep(10_000)).isEqualTo(1_000);
        assertThat(TimelineSvg.niceStep(3)).isEqualTo(5);
        assertThat(TimelineSvg.niceStep(0.2)).isEqualTo(0.2, Offset.offset(1e-12));
    }

    @Test
    void drawsTheAxisToTheFirstTickAfterTheEnd() {
        String svg = TimelineSvg.render(Fixtures.threeRequests(), BurstStats.of(Fixtures.threeRequests()));

        assertThat(svg).contains(">450 ms</text>").doesNotContain(">500 ms</text>");
    }

    @Test
    void drawsRequestsThatNeverWereSentOrAnswered() {
        Responses responses = Responses.of(List.of(
                RequestResult.failure(0, RequestSpec.get("/x"), 0, Map.of(), new IllegalStateException("refused"),
                        Fixtures.timeline(-1, -1, -1, -1, 0)),
                RequestResult.failure(1, RequestSpec.get("/x"), 0, Map.of(), new IllegalStateException("refused"),
                        Fixtures.timeline(-1, -1, -1, -1, -1))), Fixtures.STARTED);

        String svg = TimelineSvg.render(responses, BurstStats.of(responses));

        assertThat(ReportWriterTest.rows(svg)).containsExactly("0:failed", "1:failed");
        assertThat(svg).doesNotContain("NaN", "Infinity", "class=\"spread\"", "class=\"release\"");
        assertThat(svg).contains("prepared \u2013, released \u2013, sent \u2013, first byte \u2013, completed \u2013");
    }
}
