package dev.salvo.internal.report;

import dev.salvo.GateHold;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.text.Format;
import dev.salvo.internal.text.Redaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One burst as JSON: the test, the plan, the summary, and every request with its outcome and
 * timeline (milliseconds from the burst's start). Secrets are masked ({@link Redaction}). Not API.
 */
final class BurstJson {

    /** Version of the file's layout; raised when a field changes meaning or goes away. */
    static final int FORMAT = 1;

    private BurstJson() {}

    static String render(BurstReport report, BurstStats stats) {
        JsonWriter json = new JsonWriter(2).beginObject();
        json.name("format").value(FORMAT);
        json.name("test").beginObject()
                .name("uniqueId").value(report.test().uniqueId())
                .name("className").value(report.test().className())
                .name("methodName").value(report.test().methodName())
                .name("displayName").value(report.test().displayName())
                .endObject();
        json.name("round").value(report.round());
        json.name("rounds").value(report.rounds());
        json.name("startedAt").value(report.startedAt().toString());
        json.name("testFailed").value(report.testFailure() != null);
        json.name("testFailure");
        failure(json, report.testFailure());
        plan(json, report.plan());
        summary(json, stats);
        json.name("requests").beginArray();
        Set<Integer> whole = report.responses().releasedWhole().stream().map(RequestResult::index).collect(Collectors.toSet());
        report.responses().forEach(result -> request(json, result, whole.contains(result.index())));
        json.endArray();
        return json.endObject().text();
    }

    private static void plan(JsonWriter json, BurstPlan plan) {
        json.name("plan").beginObject()
                .name("count").value(plan.count())
                .name("barrier").value(plan.barrier())
                .name("prepareThreads").value(plan.prepareThreads())
                .name("effectivePrepareThreads").value(plan.effectivePrepareThreads())
                .name("maxInFlight").value(plan.maxInFlight())
                .name("timeoutMillis").number(Format.exactMillis(plan.timeout()))
                .name("prepareTimeoutMillis").number(Format.exactMillis(plan.prepareTimeout()))
                .name("baseUrl").value(plan.baseUrl() == null ? null : Redaction.DEFAULT.uri(plan.baseUrl().toString()))
                .name("maxBodyBytes").value(plan.maxBodyBytes())
                .name("release").value(plan.release().name())
                .name("protocol").value(plan.protocol().name())
                .name("holdWrites").value(plan.holdWrites())
                .name("holdBoundMillis").number(Format.exactMillis(plan.holdBound()))
                .endObject();
    }

    private static void summary(JsonWriter json, BurstStats stats) {
        json.name("summary").beginObject()
                .name("count").value(stats.count())
                .name("statusCounts").beginObject();
        stats.statusCounts().forEach((status, times) -> json.name(String.valueOf(status)).value(times));
        json.endObject()
                .name("failures").value(stats.failures())
                .name("sendSpreadMillis").number(Format.exactMillis(stats.sendSpread()))
                .name("releaseSpreadMillis").number(Format.exactMillis(stats.releaseSpread()))
                .name("connections").value(stats.connections())
                .name("releaseWrites").value(stats.releaseWrites())
                .name("answeredBeforeRelease").value(stats.answeredBeforeRelease())
                .name("releasedWhole").value(stats.releasedWhole())
                .name("latencyP50Millis");
        millis(json, stats.p50());
        json.name("latencyP99Millis");
        millis(json, stats.p99());
        json.name("gate");
        gate(json, stats.gate().orElse(null));
        json.endObject();
    }

    /** The write gate's outcome, or {@code null} for a burst without {@code holdWrites}. */
    private static void gate(JsonWriter json, GateHold gate) {
        if (gate == null) {
            json.nullValue();
            return;
        }
        json.beginObject()
                .name("requests").value(gate.requests())
                .name("reached").value(gate.reached())
                .name("held").value(gate.held())
                .name("ended").value(gate.ended())
                .name("opening").value(gate.opening().name())
                .name("allArrived").value(gate.allArrived())
                .name("boundEndedTheHold").value(gate.boundEndedTheHold())
                .name("boundMillis").number(Format.exactMillis(gate.bound()))
                .name("holdMillis").number(Format.exactMillis(gate.holdTime()))
                .name("heldFromMillis");
        millis(json, gate.heldFrom());
        json.name("openedAtMillis");
        millis(json, gate.openedAt());
        json.endObject();
    }

    private static void request(JsonWriter json, RequestResult result, boolean releasedWhole) {
        RequestSpec spec = result.request();
        RequestResult.Timeline timeline = result.timeline();
        Redaction redaction = Redaction.of(spec.maskedHeaders(), spec.maskedQueryParameters());
        json.beginObject()
                .name("index").value(result.index())
                .name("method").value(spec.method())
                .name("uri").value(redaction.uri(spec.uri()))
                .name("requestHeaders");
        headers(json, spec.headers(), redaction);
        json.name("requestBodyBytes").value(spec.bodyLength())
                .name("outcome").value(Outcome.of(result).key())
                .name("status").value(result.status())
                .name("responseHeaders");
        headers(json, result.headers(), redaction);
        json.name("responseBodyBytes").value(result.bodyLength())
                .name("answeredBeforeRelease").value(result.answeredBeforeRelease())
                .name("releasedWhole").value(releasedWhole)
                .name("failure");
        failure(json, result.failure().orElse(null));
        json.name("timeline").beginObject();
        step(json, "preparedMillis", timeline.prepared());
        step(json, "releasedMillis", timeline.released());
        step(json, "sentMillis", timeline.sent());
        step(json, "firstByteMillis", timeline.firstByte());
        step(json, "completedMillis", timeline.completed());
        step(json, "latencyMillis", timeline.latency());
        json.endObject().endObject();
    }

    private static void headers(JsonWriter json, Map<String, List<String>> headers, Redaction redaction) {
        json.beginObject();
        headers.forEach((name, values) -> {
            json.name(name).beginArray();
            values.forEach(value -> json.value(redaction.header(name, value)));
            json.endArray();
        });
        json.endObject();
    }

    private static void failure(JsonWriter json, Throwable failure) {
        if (failure == null) {
            json.nullValue();
            return;
        }
        json.beginObject()
                .name("type").value(Texts.type(failure))
                .name("message").value(Texts.message(failure))
                .endObject();
    }

    private static void step(JsonWriter json, String name, Optional<Duration> offset) {
        json.name(name);
        millis(json, offset);
    }

    private static void millis(JsonWriter json, Optional<Duration> value) {
        if (value.isPresent()) {
            json.number(Format.exactMillis(value.get()));
        } else {
            json.nullValue();
        }
    }
}
