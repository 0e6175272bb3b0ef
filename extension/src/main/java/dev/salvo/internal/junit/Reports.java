package dev.salvo.internal.junit;

import dev.salvo.Responses;
import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.report.BurstReport;
import dev.salvo.internal.report.ReportSettings;
import dev.salvo.internal.report.ReportWriter;
import dev.salvo.internal.report.ReportedTest;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The run's report writer, and what the annotation path hands it. Not API. */
final class Reports {

    private Reports() {}

    /** @return the page this test method's bursts will be shown on, when reports are on */
    static Optional<Path> pageFor(ExtensionContext context, ReportSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(writer(context, settings).pageFor(test(context)));
    }

    /**
     * Writes one round's report.
     *
     * @return the page, or empty when reports are off or the file could not be written (said in a report entry)
     */
    static Optional<Path> write(ExtensionContext context, ReportSettings settings, int round, int rounds,
            BurstPlan plan, Responses responses) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(writer(context, settings).write(new BurstReport(test(context), round, rounds, plan, responses,
                    context.getExecutionException().orElse(null))));
        } catch (UncheckedIOException notWritten) {
            context.publishReportEntry("salvo-report", notWritten.getMessage());
            return Optional.empty();
        }
    }

    private static ReportWriter writer(ExtensionContext context, ReportSettings settings) {
        return RootStore.get(context, ReportWriter.class, () -> new ReportWriter(settings.directory()));
    }

    /** The test method, named by its template's context, so that every round goes to one page. */
    private static ReportedTest test(ExtensionContext context) {
        ExtensionContext method = context.getParent().orElse(context);
        return new ReportedTest(method.getUniqueId(), context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), method.getDisplayName());
    }
}
