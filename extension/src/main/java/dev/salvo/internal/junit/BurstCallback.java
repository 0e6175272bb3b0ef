package dev.salvo.internal.junit;

import dev.salvo.PreparationException;
import dev.salvo.Responses;
import dev.salvo.internal.client.SalvoClient;
import dev.salvo.internal.engine.BurstEngine;
import dev.salvo.internal.engine.Preparation;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.report.ReportEntry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.thread.Scheduler;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fires one round's burst after {@code @BeforeEach} (so preparation can use what it set up)
 * and before the test body, then injects the {@link Responses}. The outcome lives in the
 * invocation's store; the client in the root store. Not API.
 */
final class BurstCallback implements BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create("dev.salvo");
    private static final String RESPONSES = "responses";
    private static final String PLAN = "plan";

    private final BurstSettings settings;
    private final int round;

    BurstCallback(BurstSettings settings, int round) {
        this.settings = settings;
        this.round = round;
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        URI declared;
        try {
            declared = BaseUrls.read(context.getRequiredTestInstances().getAllInstances());
        } catch (ExtensionConfigurationException unusable) {
            throw new ExtensionConfigurationException(settings.where() + ": " + unusable.getMessage(), unusable);
        }
        BurstPlan plan = settings.planFor(declared);
        SalvoClient client = Clients.shared(context);
        Optional<TestTimeouts.Limit> limit = settings.testTimeout();
        Alarm alarm = new Alarm(Thread.currentThread());
        Scheduler.Task task = limit.map(l -> client.http().getScheduler()
                .schedule(alarm, l.duration().toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
        Responses responses;
        try {
            responses = BurstEngine.run(plan, Preparation.masking(Configuration.of(context).secrets(),
                    settings.source().preparer(context.getRequiredTestInstance())), client);
        } catch (PreparationException failed) {
            throw new PreparationException(failed.index(), settings.where() + ": " + failed.getMessage()
                    + (plan.barrier() ? "; no request was sent" : ""), failed.getCause());
        } catch (InterruptedException interrupted) {
            if (!alarm.disarm()) {
                throw interrupted;
            }
            TimeoutException timedOut = new TimeoutException(settings.where() + ": the burst timed out after "
                    + limit.get().description() + " (the test's @Timeout or JUnit's default timeout);"
                    + " requests in flight were aborted");
            timedOut.initCause(interrupted);
            throw timedOut;
        } finally {
            if (task != null) {
                task.cancel();
            }
            if (alarm.disarm()) {
                Thread.interrupted(); // the alarm's interrupt was for the burst, not for the test
            }
        }
        Optional<Path> page = Reports.pageFor(context, settings.reports());
        context.getStore(NAMESPACE).put(RESPONSES, page.map(responses::withReportFile).orElse(responses));
        context.getStore(NAMESPACE).put(PLAN, plan);
    }

    /** Writes the round's report, now that the test's outcome is known, and publishes its summary. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        Responses responses = context.getStore(NAMESPACE).get(RESPONSES, Responses.class);
        if (responses == null) {
            return; // the burst did not run: its preparation failed, or it was stopped
        }
        BurstPlan plan = context.getStore(NAMESPACE).get(PLAN, BurstPlan.class);
        Path page = Reports.write(context, settings.reports(), round, settings.rounds(), plan, responses).orElse(null);
        context.publishReportEntry("salvo", (settings.rounds() > 1 ? "round " + round + " of " + settings.rounds() + ": " : "")
                + ReportEntry.text(responses, page));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Responses.class;
    }

    @Override
    public Responses resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!parameter.getDeclaringExecutable().equals(context.getRequiredTestMethod())) {
            throw new ParameterResolutionException("Responses can only be injected into the @ConcurrentRequests "
                    + "method itself, not into " + parameter.getDeclaringExecutable());
        }
        Responses responses = context.getStore(NAMESPACE).get(RESPONSES, Responses.class);
        if (responses == null) {
            throw new ParameterResolutionException(settings.where() + ": the burst did not run, so there are no Responses");
        }
        return responses;
    }

    /**
     * Interrupts the test thread when the test's timeout expires during the burst. Disarming and
     * firing exclude each other, so once {@link #disarm()} returns, no interrupt is still coming.
     */
    private static final class Alarm implements Runnable {

        private final Thread caller;
        private boolean armed = true;
        private boolean fired;

        Alarm(Thread caller) {
            this.caller = caller;
        }

        @Override
        public synchronized void run() {
            if (armed) {
                armed = false;
                fired = true;
                caller.interrupt();
            }
        }

        /** Stops the alarm; returns whether it had already interrupted the test thread. */
        synchronized boolean disarm() {
            armed = false;
            return fired;
        }
    }
}
