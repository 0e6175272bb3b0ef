package dev.salvo.internal.junit;

import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One round of a {@code @ConcurrentRequests} method, named "round 2 of 5". Not API. */
public final class BurstInvocation implements TestTemplateInvocationContext {

    private final BurstSettings settings;
    private final int round;

    public BurstInvocation(BurstSettings settings, int round) {
        this.settings = settings;
        this.round = round;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        String requests = settings.plan().count() + (settings.plan().count() == 1 ? " request" : " requests");
        return settings.rounds() == 1 ? requests : "round " + round + " of " + settings.rounds() + " (" + requests + ")";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new BurstCallback(settings, round));
    }
}
