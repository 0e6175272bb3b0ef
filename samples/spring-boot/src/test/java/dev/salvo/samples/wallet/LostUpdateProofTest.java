package dev.salvo.samples.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.test.context.TestPropertySource;

/**
 * Proof that {@link DepositTest} catches the lost update: run through the engine test kit
 * against the read-modify-write ledger, it fails in every round, because the balance falls
 * short of 200.
 */
class LostUpdateProofTest {

    /** Set only by this proof, so that the case below does not run on its own (an IDE may find it). */
    private static final String PROOF = "salvo.samples.proof";

    /** {@link DepositTest}, unchanged, against the read-modify-write ledger. */
    @EnabledIf("dev.salvo.samples.wallet.LostUpdateProofTest#runByTheProof")
    @TestPropertySource(properties = "wallet.ledger=read-modify-write")
    static class AgainstReadModifyWriteLedger extends DepositTest {}

    static boolean runByTheProof(ExtensionContext context) {
        return context.getConfigurationParameter(PROOF).isPresent();
    }

    @Test
    void depositTestFailsAgainstTheReadModifyWriteLedger() {
        Events rounds = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(AgainstReadModifyWriteLedger.class))
                .configurationParameter(PROOF, "true")
                .execute()
                .testEvents();

        assertThat(rounds.started().count()).isEqualTo(3);
        assertThat(rounds.failed().count()).as("rounds that caught the lost update").isEqualTo(3);
        List<Throwable> causes = rounds.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
        // Failed for the right reason: every deposit answered 200, and the balance is short.
        assertThat(causes).allSatisfy(cause -> assertThat(cause)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected: 200"));
        System.out.println("[sample] proof: against the read-modify-write ledger the deposit test failed "
                + causes.size() + " of 3 rounds");
    }

}
