package dev.salvo.samples.coupons;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The same race test with {@link Burst} instead of the annotation: for a plain {@code @Test},
 * another test framework, or a main program. Each {@code fire()} starts its own HTTP client and
 * closes it before returning.
 */
class BurstWithoutAnnotationTest {

    @Test
    void couponIsRedeemedOnlyOnce() {
        try (CouponApp app = CouponApp.start(CouponService::atomic)) {
            app.coupons().issue("SPRING");

            // tag::burst-api[]
            Responses responses = Burst.of(20)
                    .baseUrl(app.server().baseUrl())
                    .prepare(index -> RequestSpec.post("/coupons/SPRING/redeem", "", "text/plain"))
                    .timeout(Duration.ofSeconds(5))
                    .fire();

            assertThat(responses).noneFailed().exactlyOneHasStatus(200).hasStatusCount(409, 19);
            // end::burst-api[]
            System.out.println("[sample] Burst without the annotation: " + responses);
        }
    }
}
