package dev.salvo.wire;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a fixture class through the engine test kit, as one engine run with one shared client. */
final class EngineRuns {

    private static final int MAX_MESSAGE = 4_000;

    private EngineRuns() {}

    /** Runs the fixture against {@code baseUrl}, its methods one after another. */
    static EngineExecutionResults run(Class<?> fixture, String baseUrl) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("salvo.base-url", baseUrl)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(fixture))
                .execute();
    }

    /** @return each failed invocation's name and message (shortened), one block per failure */
    static String failures(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        return failed.stream().map(event -> {
            String message = event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::toString).orElse("(no message)");
            if (message.length() > MAX_MESSAGE) {
                message = message.substring(0, MAX_MESSAGE) + " [...]";
            }
            String method = event.getTestDescriptor().getUniqueId().getSegments().stream()
                    .filter(segment -> segment.getType().equals("test-template")).map(segment -> segment.getValue())
                    .findFirst().orElse("?");
            return method + " " + event.getTestDescriptor().getDisplayName() + ": " + message;
        }).collect(Collectors.joining("\n"));
    }
}
