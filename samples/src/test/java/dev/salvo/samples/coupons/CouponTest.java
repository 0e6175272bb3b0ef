package dev.salvo.samples.coupons;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The README's example, compiled and run as shown there. */
// tag::readme[]
class CouponTest {
    CouponApp app = CouponApp.start(CouponService::atomic); // the service, on a free port
    @BaseUrl String baseUrl = app.server().baseUrl();

    @BeforeEach void issueCoupon() { app.coupons().issue("SPRING"); }
    @AfterEach void stop() { app.close(); }

    @ConcurrentRequests(count = 20, method = "POST", url = "/coupons/SPRING/redeem", rounds = 10)
    void aCouponIsRedeemedOnce(Responses responses) {
        assertThat(responses).hasSize(20).noneFailed()
                .exactlyOneHasStatus(200)
                .hasStatusCount(409, 19);
    }
}
// end::readme[]
