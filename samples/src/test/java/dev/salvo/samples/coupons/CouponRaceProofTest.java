package dev.salvo.samples.coupons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.samples.support.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Proof that {@link CouponRaceTest} catches the race: run through the JUnit Platform's engine
 * test kit, it fails against the naive service in at least one of its ten rounds (in practice,
 * every round) and passes every round against the atomic one. A plain sequential test, by
 * contrast, passes against both: one request at a time never meets the race.
 */
class CouponRaceProofTest {

    /** Set only by this proof, so that the naive case below does not run on its own (an IDE may find it). */
    private static final String PROOF = "salvo.samples.proof";
    private static final int ROUNDS = 10;
    private static final Pattern FOUND = Pattern.compile("status 200, but found (\\d+)");

    /** {@link CouponRaceTest}, unchanged, against the naive service. */
    @EnabledIf("dev.salvo.samples.coupons.CouponRaceProofTest#runByTheProof")
    static class AgainstNaiveService extends CouponRaceTest {
        @Override
        Function<Database, CouponService> implementation() {
            return CouponService::naive;
        }
    }

    static boolean runByTheProof(ExtensionContext context) {
        return context.getConfigurationParameter(PROOF).isPresent();
    }

    @Test
    void raceTestFailsAgainstTheNaiveService() {
        Events rounds = run(AgainstNaiveService.class);

        assertThat(rounds.started().count()).isEqualTo(ROUNDS);
        assertThat(rounds.failed().count()).as("rounds that caught the race").isGreaterThanOrEqualTo(1);
        List<String> winners = new ArrayList<>();
        for (Event failed : rounds.failed().list()) {
            Throwable why = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
            // Failed for the right reason: more than one 200, not a server or connection error.
            assertThat(why).isInstanceOf(AssertionError.class).hasMessageContaining("with status 200, but found");
            Matcher found = FOUND.matcher(why.getMessage());
            winners.add(found.find() ? found.group(1) : "?");
        }
        System.out.println("[sample] proof: against the naive service the race test failed " + rounds.failed().count()
                + " of " + ROUNDS + " rounds; successful redemptions of one coupon per failed round: " + winners);
    }

    @Test
    void raceTestPassesAgainstTheAtomicService() {
        Events rounds = run(CouponRaceTest.class);

        assertThat(rounds.started().count()).isEqualTo(ROUNDS);
        assertThat(rounds.succeeded().count()).isEqualTo(ROUNDS);
        assertThat(rounds.failed().count()).isZero();
        System.out.println("[sample] proof: against the atomic service the race test passed all " + ROUNDS + " rounds");
    }

    @Test
    void sequentialTestCannotTellTheServicesApart() throws Exception {
        for (Function<Database, CouponService> implementation : List.<Function<Database, CouponService>>of(
                CouponService::naive, CouponService::atomic)) {
            try (CouponApp app = CouponApp.start(implementation)) {
                app.coupons().issue("WELCOME10");
                int redeemed = redeemOneAtATime(app.server().baseUrl() + "/coupons/WELCOME10/redeem", 20);
                assertThat(redeemed).as("sequential redemptions that succeeded").isEqualTo(1);
                System.out.println("[sample] proof: 20 sequential redemptions against the "
                        + app.coupons().getClass().getSimpleName() + ": " + redeemed + " succeeded");
            }
        }
    }

    private static Events run(Class<?> testClass) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(PROOF, "true")
                .execute();
        return results.testEvents();
    }

    private static int redeemOneAtATime(String url, int attempts) throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        try {
            int redeemed = 0;
            for (int i = 0; i < attempts; i++) {
                if (client.POST(url).timeout(10, TimeUnit.SECONDS).send().getStatus() == 200) {
                    redeemed++;
                }
            }
            return redeemed;
        } finally {
            client.stop();
        }
    }
}
