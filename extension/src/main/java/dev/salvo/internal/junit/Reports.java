package dev.salvo.internal.junit;

import dev.salvo.Responses;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.report.BurstReport;
import dev.salvo.internal.report.ReportSettings;
import dev.salvo.internal.report.ReportWriter;
import dev.salvo.internal.report.ReportedTest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the annotation path hands the run's report writer, and what it publishes to JUnit:
 * each burst's JSON file, and the test method's page with the round that completes it
 * (the only round of most methods), attached to the invocation. Not API.
 */
final class Reports {

    private Reports() {}

    /** @return the page this test method's bursts will be shown on, when reports are on */
    static Optional<Path> pageFor(ExtensionContext context, ReportSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(RunReports.of(context, settings).writer().pageFor(test(context)));
    }

    /**
     * Writes one round's report and publishes its files.
     *
     * @return the page, or empty when reports are off or the file could not be written (said in a report entry)
     */
    static Optional<Path> write(ExtensionContext context, ReportSettings settings, int round, int rounds,
            BurstPlan plan, Responses responses) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        ReportedTest test = test(context);
        ReportWriter writer = RunReports.of(context, settings).writer();
        ReportWriter.Written written;
        try {
            written = writer.write(new BurstReport(test, round, rounds, plan, responses,
                    context.getExecutionException().orElse(null)));
        } catch (UncheckedIOException notWritten) {
            context.publishReportEntry("salvo-report", notWritten.getMessage());
            return Optional.empty();
        }
        JUnitOutputs.publishFile(context, written.json().getFileName().toString(), "application/json",
                target -> Files.copy(written.json(), target));
        if (round == rounds) {
            JUnitOutputs.publishFile(context, written.page().getFileName().toString(), "text/html; charset=UTF-8",
                    target -> Files.writeString(target, writer.pageCopy(test), StandardCharsets.UTF_8));
        }
        return Optional.of(written.page());
    }

    /** The test method, named by its template's context, so that every round goes to one page. */
    private static ReportedTest test(ExtensionContext context) {
        ExtensionContext method = context.getParent().orElse(context);
        return new ReportedTest(method.getUniqueId(), context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), method.getDisplayName());
    }
}
