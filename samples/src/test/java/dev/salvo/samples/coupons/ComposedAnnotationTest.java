package dev.salvo.samples.coupons;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link ConcurrentRequests} as a meta-annotation: a team's own name for a burst it uses often. */
class ComposedAnnotationTest {

    // tag::composed-annotation[]
    /** Fifty simultaneous redemptions of the welcome coupon, five rounds. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ConcurrentRequests(count = 50, rounds = 5, method = "POST", url = "/coupons/WELCOME10/redeem")
    @interface WelcomeCouponStampede {}

    @WelcomeCouponStampede
    void onlyOneOfFiftyWins(Responses responses) {
        assertThat(responses).hasSize(50).noneFailed().exactlyOneHasStatus(200);
    }
    // end::composed-annotation[]

    // tag::coupon-setup[]
    private CouponApp app;

    @BeforeEach
    void startService() {
        app = CouponApp.start(CouponService::atomic);
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
    // end::coupon-setup[]
}
