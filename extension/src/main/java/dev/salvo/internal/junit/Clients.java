package dev.salvo.internal.junit;

import dev.salvo.internal.client.SalvoClient;
import dev.salvo.internal.engine.WarmUp;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The one HTTP client of an engine run, closed by JUnit when the run ends. Not API. */
final class Clients {

    private Clients() {}

    static SalvoClient shared(ExtensionContext context) {
        return RootStore.get(context, SalvoClient.class, () -> {
            WarmUp.once();
            return SalvoClient.start(Configuration.of(context).tlsTrust());
        });
    }
}
