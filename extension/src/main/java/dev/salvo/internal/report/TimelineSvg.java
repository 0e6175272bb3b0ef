package dev.salvo.internal.report;

import dev.salvo.GateHold;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import dev.salvo.internal.text.Failures;
import dev.salvo.internal.text.Format;
import dev.salvo.internal.text.Redaction;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Draws one burst as an SVG timeline: one row per request, time from the burst's start to
 * the last completion of a drawn row on the horizontal axis. Each row shows preparation, the
 * wait at the barrier, the request being written, the wait for and the reading of the
 * response, the first byte and the completion, coloured by outcome. A dashed line marks the
 * release and a band the send spread, both over every request. Bursts of more than
 * {@link #MAX_ROWS} requests draw their first {@code MAX_ROWS} only. Not API.
 */
final class TimelineSvg {

    /** The most rows drawn; the JSON file holds every request. */
    static final int MAX_ROWS = 2_000;

    private static final int WIDTH = 1200;
    private static final int LEFT = 64;
    private static final int RIGHT = 28;
    private static final int TOP = 46;
    private static final int BOTTOM = 26;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int MAX_TITLE_MESSAGE = 300;
    /** Below this row pitch, ticks and crosses would blur into a stripe; the bars' colours say enough. */
    private static final double MIN_PITCH_FOR_MARKERS = 5;
    /** Room for "sent within 1234.56 ms" right of the band. */
    private static final int SPREAD_LABEL_WIDTH = 150;

    private final Responses responses;
    private final BurstStats stats;
    private final int rows;
    private final double pitch;
    private final double barHeight;
    private final double axisEnd;
    private final double tickStep;
    private final StringBuilder svg = new StringBuilder();

    private TimelineSvg(Responses responses, BurstStats stats) {
        this.responses = responses;
        this.stats = stats;
        this.rows = Math.min(responses.size(), MAX_ROWS);
        this.pitch = pitch(rows);
        this.barHeight = Math.max(1, Math.round(pitch * 0.72));
        double lastDrawn = responses.asList().subList(0, rows).stream().mapToDouble(TimelineSvg::lastStep).max().orElse(0);
        double end = Math.max(lastDrawn, range(r -> r.timeline().sent()).map(sent -> sent[1]).orElse(0.0));
        this.tickStep = tickStep(Math.max(end, 0.001));
        this.axisEnd = Math.max(tickStep, Math.ceil(end / tickStep - 1e-9) * tickStep);
    }

    /** @return the burst's timeline as an inline {@code <svg>} element */
    static String render(Responses responses, BurstStats stats) {
        return new TimelineSvg(responses, stats).draw();
    }

    /** @return how many rows a burst of this size draws */
    static int drawnRows(int count) {
        return Math.min(count, MAX_ROWS);
    }

    private String draw() {
        double height = TOP + rows * pitch + BOTTOM;
        svg.append("<svg class=\"timeline-svg\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(num(height)).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(num(height)).append("\">\n")
                .append("<title>").append(Html.escape(stats.counts() + ", " + stats.timings())).append("</title>\n");
        axis(height);
        spreadBand(height);
        holdBand(height);
        for (int i = 0; i < rows; i++) {
            row(responses.get(i), TOP + i * pitch);
        }
        releaseLine(height);
        return svg.append("</svg>\n").toString();
    }

    private void axis(double height) {
        svg.append("<g class=\"axis\">");
        double bottom = height - BOTTOM;
        for (double t = 0; t <= axisEnd + tickStep / 1000; t += tickStep) {
            double x = x(t);
            svg.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(TOP - 6).append("\" x2=\"").append(num(x))
                    .append("\" y2=\"").append(num(bottom + 4)).append("\"/>");
            String label = tickLabel(t);
            svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(TOP - 10)
                    .append("\" text-anchor=\"middle\">").append(label).append("</text>");
            svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(bottom + 17))
                    .append("\" text-anchor=\"middle\">").append(label).append("</text>");
        }
        int every = labelEvery();
        for (int i = 0; i < rows; i += every) {
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(num(TOP + i * pitch + pitch / 2 + 4))
                    .append("\" text-anchor=\"end\">#").append(i).append("</text>");
        }
        svg.append("</g>\n");
    }

    private void spreadBand(double height) {
        Optional<double[]> range = range(r -> r.timeline().sent());
        if (range.isEmpty()) {
            return;
        }
        double from = x(range.get()[0]);
        double to = x(range.get()[1]);
        double bottom = height - BOTTOM;
        svg.append("<g class=\"send-spread\"><rect class=\"spread\" x=\"").append(num(from)).append("\" y=\"").append(TOP - 4)
                .append("\" width=\"").append(num(Math.max(to - from, 1))).append("\" height=\"").append(num(bottom - TOP + 8))
                .append("\"/>");
        for (double edge : new double[] {from, to}) {
            svg.append("<line class=\"spread-edge\" x1=\"").append(num(edge)).append("\" y1=\"").append(TOP - 4)
                    .append("\" x2=\"").append(num(edge)).append("\" y2=\"").append(num(bottom + 4)).append("\"/>");
        }
        svg.append("<text class=\"marker-label\" x=\"").append(num(Math.min(to + 6, WIDTH - SPREAD_LABEL_WIDTH)))
                .append("\" y=\"14\">sent within ")
                .append(Html.escape(Format.millis(stats.sendSpread()))).append("</text></g>\n");
    }

    /** The write gate's hold: from the first write held to the gate's opening, over every row. */
    private void holdBand(double height) {
        GateHold gate = stats.gate().orElse(null);
        if (gate == null || gate.heldFrom().isEmpty()) {
            return;
        }
        double from = x(Math.min(ms(gate.heldFrom().get()), axisEnd));
        double to = x(Math.min(ms(gate.openedAt().orElseThrow()), axisEnd));
        double bottom = height - BOTTOM;
        svg.append("<g class=\"gate-hold\"><title>").append(Html.escape("write gate: " + gate)).append("</title>")
                .append("<rect class=\"hold\" x=\"").append(num(from)).append("\" y=\"").append(TOP - 4)
                .append("\" width=\"").append(num(Math.max(to - from, 1))).append("\" height=\"").append(num(bottom - TOP + 8))
                .append("\"/><text class=\"marker-label\" x=\"").append(num(Math.min(from + 4, WIDTH - SPREAD_LABEL_WIDTH)))
                .append("\" y=\"30\">writes held ").append(Html.escape(Format.millis(gate.holdTime())))
                .append(gate.boundEndedTheHold() ? " (the bound ended it)" : "").append("</text></g>\n");
    }

    private void releaseLine(double height) {
        Optional<double[]> range = range(r -> r.timeline().released());
        if (range.isEmpty()) {
            return;
        }
        double at = x(range.get()[0]);
        svg.append("<g class=\"release-marker\"><line class=\"release\" x1=\"").append(num(at)).append("\" y1=\"")
                .append(TOP - 22).append("\" x2=\"").append(num(at)).append("\" y2=\"").append(num(height - BOTTOM + 4))
                .append("\"/><text class=\"marker-label\" x=\"").append(num(at - 6))
                .append("\" y=\"14\" text-anchor=\"end\">release</text></g>\n");
    }

    private void row(RequestResult result, double top) {
        Outcome outcome = Outcome.of(result);
        RequestResult.Timeline timeline = result.timeline();
        double y = top + (pitch - barHeight) / 2;
        svg.append("<g class=\"row o-").append(outcome.key()).append("\" data-index=\"").append(result.index())
                .append("\"><title>").append(Html.escape(tooltip(result))).append("</title>");
        Optional<Duration> prepared = timeline.prepared();
        Optional<Duration> released = timeline.released();
        Optional<Duration> sent = timeline.sent();
        Optional<Duration> completed = timeline.completed();
        prepared.ifPresent(end -> bar("prep", 0, ms(end), y, 0));
        if (prepared.isPresent() && released.isPresent()) {
            bar("wait", ms(prepared.get()), ms(released.get()), y, 0);
        }
        if (released.isPresent() && sent.isPresent()) {
            bar("send", ms(released.get()), ms(sent.get()), y, 0);
        }
        Optional<Duration> flightStart = sent.or(() -> released);
        if (flightStart.isPresent() && completed.isPresent()) {
            bar("flight", ms(flightStart.get()), ms(completed.get()), y, 1);
        }
        if (pitch >= MIN_PITCH_FOR_MARKERS) {
            markers(timeline, outcome, y);
        }
        svg.append("</g>\n");
    }

    /** Draws the first-byte and completion ticks, or a cross where a request failed. */
    private void markers(RequestResult.Timeline timeline, Outcome outcome, double y) {
        double markTop = y - Math.min(2, pitch / 6);
        double markBottom = y + barHeight + Math.min(2, pitch / 6);
        timeline.firstByte().ifPresent(at -> tick("fb", x(ms(at)), markTop, markBottom));
        timeline.completed().ifPresent(at -> {
            if (outcome == Outcome.FAILED) {
                cross(x(ms(at)), y + barHeight / 2, Math.max(1.5, Math.min(5, barHeight / 2 + 1)));
            } else {
                tick("done", x(ms(at)), markTop, markBottom);
            }
        });
    }

    private void bar(String cssClass, double from, double to, double y, double minWidth) {
        double left = x(from);
        double width = Math.max(x(to) - left, minWidth);
        if (width <= 0) {
            return;
        }
        svg.append("<rect class=\"").append(cssClass).append("\" x=\"").append(num(left)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(barHeight)).append("\"/>");
    }

    private void tick(String cssClass, double x, double top, double bottom) {
        svg.append("<line class=\"").append(cssClass).append("\" x1=\"").append(num(x)).append("\" y1=\"").append(num(top))
                .append("\" x2=\"").append(num(x)).append("\" y2=\"").append(num(bottom)).append("\"/>");
    }

    private void cross(double x, double y, double half) {
        svg.append("<path class=\"cross\" d=\"M").append(num(x - half)).append(' ').append(num(y - half))
                .append('L').append(num(x + half)).append(' ').append(num(y + half))
                .append('M').append(num(x + half)).append(' ').append(num(y - half))
                .append('L').append(num(x - half)).append(' ').append(num(y + half)).append("\"/>");
    }

    private static String tooltip(RequestResult result) {
        StringBuilder text = new StringBuilder("#").append(result.index()).append(' ').append(result.request().method())
                .append(' ').append(Redaction.of(result.request().maskedHeaders(), result.request().maskedQueryParameters()).uri(result.request().uri())).append(" \u2192 ");
        if (result.failure().isPresent()) {
            text.append("failed");
            if (result.status() > 0) {
                text.append(" after status ").append(result.status());
            }
            text.append(": ").append(Texts.cut(Failures.describe(result.failure().get()), MAX_TITLE_MESSAGE));
        } else {
            text.append(result.status()).append(", ").append(result.bodyLength()).append(" bytes");
        }
        RequestResult.Timeline timeline = result.timeline();
        timeline.latency().ifPresent(latency -> text.append(", latency ").append(Format.millis(latency)));
        text.append('\n');
        step(text, "prepared", timeline.prepared(), "");
        step(text, "released", timeline.released(), ", ");
        step(text, "sent", timeline.sent(), ", ");
        step(text, "first byte", timeline.firstByte(), ", ");
        step(text, "completed", timeline.completed(), ", ");
        return text.append(" (from the burst's start)").toString();
    }

    private static void step(StringBuilder text, String name, Optional<Duration> at, String separator) {
        text.append(separator).append(name).append(' ').append(at.map(Format::millis).orElse("\u2013"));
    }

    /** @return the earliest and latest offset of a step over all requests, drawn or not, in ms */
    private Optional<double[]> range(Function<RequestResult, Optional<Duration>> step) {
        double min = Double.MAX_VALUE;
        double max = -1;
        for (RequestResult result : responses) {
            Optional<Duration> at = step.apply(result);
            if (at.isPresent()) {
                min = Math.min(min, ms(at.get()));
                max = Math.max(max, ms(at.get()));
            }
        }
        return max < 0 ? Optional.empty() : Optional.of(new double[] {min, max});
    }

    private static double lastStep(RequestResult result) {
        RequestResult.Timeline timeline = result.timeline();
        return timeline.completed().or(timeline::firstByte).or(timeline::sent).or(timeline::released)
                .or(timeline::prepared).map(TimelineSvg::ms).orElse(0.0);
    }

    private static double pitch(int rows) {
        if (rows <= 40) {
            return 18;
        } else if (rows <= 100) {
            return 10;
        } else if (rows <= 300) {
            return 5;
        } else if (rows <= 800) {
            return 3;
        }
        return 2;
    }

    /** @return every how many rows an index label fits */
    private int labelEvery() {
        int wanted = (int) Math.ceil(14 / pitch);
        for (int nice : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000}) {
            if (nice >= wanted) {
                return nice;
            }
        }
        return 1000;
    }

    /**
     * @return the tick step, for at most 10 intervals, whose last tick wastes the least room
     *     after {@code end}; of equals, the smallest
     */
    static double tickStep(double end) {
        double best = niceStep(end / 5);
        for (int ticks = 6; ticks <= 10; ticks++) {
            double step = niceStep(end / ticks);
            if (Math.ceil(end / step - 1e-9) * step <= Math.ceil(end / best - 1e-9) * best) {
                best = step;
            }
        }
        return best;
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code raw} */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private String tickLabel(double t) {
        double rounded = Math.round(t / tickStep) * tickStep;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(tickStep)));
        String value = String.format(Locale.ROOT, "%." + decimals + "f", rounded);
        return (rounded == 0 ? "0" : value) + " ms";
    }

    private double x(double millis) {
        return LEFT + millis / axisEnd * PLOT_WIDTH;
    }

    private static double ms(Duration duration) {
        return Format.toMillis(duration);
    }

    /** @return the coordinate to a tenth of a pixel, "12" or "12.5" */
    private static String num(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Format.decimals(tenths, 1);
    }
}
