package dev.salvo.samples.coupons;

import dev.salvo.samples.support.Database;
import dev.salvo.samples.support.SampleServer;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The coupon service on an embedded server with its own H2 database:
 * {@code POST /coupons/{code}/redeem} answers 200 (redeemed), 409 (already redeemed) or 404.
 *
 * <pre>{@code
 * try (CouponApp app = CouponApp.start(CouponService::atomic)) {
 *     app.coupons().issue("WELCOME10");
 *     // POST app.server().baseUrl() + "/coupons/WELCOME10/redeem"
 * }
 * }</pre>
 */
public final class CouponApp implements AutoCloseable {

    private final Database database;
    private final CouponService coupons;
    private final SampleServer server;

    private CouponApp(Function<Database, CouponService> implementation) {
        database = Database.create("coupons", CouponService.SCHEMA);
        coupons = implementation.apply(database);
        try {
            server = SampleServer.start("coupons", new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    return answer(request, response, callback);
                }
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts a database and a server running the given implementation.
     *
     * @param implementation {@code CouponService::naive} or {@code CouponService::atomic}
     * @return the running service
     */
    public static CouponApp start(Function<Database, CouponService> implementation) {
        return new CouponApp(implementation);
    }

    /** @return the service, to issue coupons */
    public CouponService coupons() {
        return coupons;
    }

    /** @return the server, for its base URL */
    public SampleServer server() {
        return server;
    }

    private boolean answer(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!request.getMethod().equals("POST") || !path.matches("/coupons/[A-Za-z0-9-]{1,32}/redeem")) {
            SampleServer.respond(response, 404, "no route " + request.getMethod() + " " + path, callback);
            return true;
        }
        String code = path.substring("/coupons/".length(), path.length() - "/redeem".length());
        Redemption outcome = coupons.redeem(code);
        SampleServer.respond(response, outcome.status(), outcome + " " + code, callback);
        return true;
    }

    /** @return the implementation's name, for example "AtomicCouponService" */
    @Override
    public String toString() {
        return coupons.getClass().getSimpleName();
    }

    /** Stops the server, then the database. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
