package dev.salvo.internal.junit;

import dev.salvo.PreparationException;
import dev.salvo.Responses;
import dev.salvo.internal.BurstEngine;
import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.SalvoClient;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fires one round's burst after {@code @BeforeEach} (so preparation can use what it set up)
 * and before the test body, then injects the {@link Responses}. The outcome lives in the
 * invocation's store; the client in the root store. Not API.
 */
final class BurstCallback implements BeforeTestExecutionCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create("dev.salvo");
    private static final String RESPONSES = "responses";

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
        BurstPlan plan = declared == null ? settings.plan() : settings.plan().withBaseUrl(declared);
        SalvoClient client = Clients.shared(context);
        Responses responses;
        try {
            responses = BurstEngine.run(plan, settings.source().preparer(context.getRequiredTestInstance()), client);
        } catch (PreparationException failed) {
            throw new PreparationException(failed.index(), settings.where() + ": " + failed.getMessage()
                    + (plan.barrier() ? "; no request was sent" : ""), failed.getCause());
        }
        context.getStore(NAMESPACE).put(RESPONSES, responses);
        context.publishReportEntry("salvo", (settings.rounds() > 1 ? "round " + round + " of " + settings.rounds() + ": " : "")
                + responses);
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
}
