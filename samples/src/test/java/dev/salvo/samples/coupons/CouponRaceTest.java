package dev.salvo.samples.coupons;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import dev.salvo.samples.support.Database;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A single-use coupon must be redeemed once, however many requests try at the same moment.
 * Twenty simultaneous redemptions, ten rounds, each round against a fresh server and database
 * with one fresh coupon: exactly one request may win.
 *
 * <p>This class tests the fixed service and passes. {@link CouponRaceProofTest} runs the same
 * test against the naive service and shows that it fails there, while a sequential test
 * passes against both.
 */
class CouponRaceTest {

    private CouponApp app;

    /** @return the service under test; the proof swaps in the naive one */
    Function<Database, CouponService> implementation() {
        return CouponService::atomic;
    }

    @BeforeEach
    void startService() {
        app = CouponApp.start(implementation());
        app.coupons().issue("WELCOME10");
    }

    @AfterEach
    void stopService() {
        app.close();
    }

    @BaseUrl
    String baseUrl() {
        return app.server().baseUrl();
    }

    // tag::coupon-race[]
    @ConcurrentRequests(count = 20, rounds = 10, method = "POST", url = "/coupons/WELCOME10/redeem")
    void couponIsRedeemedOnlyOnce(Responses responses) {
        System.out.println("[sample] coupon race against the " + app + ": " + responses);
        assertThat(responses)
                .hasSize(20)
                .noneFailed()
                .exactlyOneHasStatus(200)
                .hasStatusCount(409, 19);
    }
    // end::coupon-race[]
}
