package dev.salvo.internal.report;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.testing.RefusedPort;
import dev.salvo.testing.TestServer;
import java.net.URI;

/**
 * A real burst that shows every colour of a report: 20 requests against a {@link TestServer},
 * answered after 20 to 260 ms, with a 404, three 500s and one request to a port where nothing
 * listens (refused: a failure).
 */
final class DemoBurst {

    static final int COUNT = 20;
    static final ReportedTest TEST = new ReportedTest(
            "[engine:junit-jupiter]/[class:dev.example.CouponTest]/[test-template:redeem()]",
            "dev.example.CouponTest", "redeem", "redeem()");

    private DemoBurst() {}

    /** Fires the burst once unreported, so that the reported one runs in a warm JVM, as most bursts of a suite do. */
    static BurstReport fire(TestServer server) {
        Responses responses;
        try (RefusedPort port = new RefusedPort()) {
            String refused = port.baseUrl() + "/coupons/SPRING/redeem";
            Burst burst = Burst.of(COUNT).baseUrl(server.baseUrl()).prepare(index -> request(index, refused));
            burst.fire();
            responses = burst.fire();
        }
        return new BurstReport(TEST, 1, 1, BurstPlan.defaults(COUNT).withBaseUrl(URI.create(server.baseUrl())), responses, null);
    }

    private static RequestSpec request(int index, String refused) {
        if (index == 17) {
            return RequestSpec.get(refused);
        } else if (index == 11) {
            return RequestSpec.get("/status/404");
        } else if (index % 5 == 2) {
            return RequestSpec.get("/status/500");
        }
        return RequestSpec.get("/delay?ms=" + (20 + (index * 53) % 240));
    }
}
