package dev.salvo.samples.coupons;

import dev.salvo.samples.support.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Redeems single-use coupons kept in a database table
 * {@code coupons(code, redeemed)}. Each redemption first checks the coupon, then does some
 * work (in a real shop: reserve the discount with the payment provider), then marks the coupon
 * redeemed. The two implementations differ only in that last step.
 */
public abstract class CouponService {

    /** The table every implementation works on. */
    public static final String SCHEMA =
            "CREATE TABLE coupons (code VARCHAR(32) PRIMARY KEY, redeemed BOOLEAN DEFAULT FALSE NOT NULL)";

    /**
     * The time between the check and the act. On loopback with an in-memory database the real
     * gap is a few microseconds, so simultaneous requests would slip through it only now and
     * then. In production the gap holds network calls and takes milliseconds; this pause models
     * it, which makes the naive version's race show in every burst instead of in some.
     */
    public static final Duration WORK_BETWEEN_CHECK_AND_ACT = Duration.ofMillis(25);

    private final Database database;

    CouponService(Database database) {
        this.database = database;
    }

    /**
     * The naive version: reads the flag, then sets it unconditionally.
     *
     * @param database holds the {@code coupons} table
     * @return a service with a check-then-act race
     */
    public static CouponService naive(Database database) {
        return new NaiveCouponService(database);
    }

    /**
     * The fixed version: sets the flag only where it is still false, and counts the rows.
     *
     * @param database holds the {@code coupons} table
     * @return a service whose redemptions are atomic
     */
    public static CouponService atomic(Database database) {
        return new AtomicCouponService(database);
    }

    /**
     * Tries to redeem a coupon.
     *
     * @param code the coupon's code
     * @return what came of it
     */
    public final Redemption redeem(String code) {
        try (Connection connection = database.connection()) {
            Boolean redeemed = redeemedFlag(connection, code);
            if (redeemed == null) {
                return Redemption.UNKNOWN;
            }
            if (redeemed) {
                return Redemption.ALREADY_REDEEMED;
            }
            pause(WORK_BETWEEN_CHECK_AND_ACT);
            return markRedeemed(connection, code);
        } catch (SQLException e) {
            throw new IllegalStateException("redemption of coupon " + code + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The act: marks the coupon redeemed, after the check found it unredeemed.
     *
     * @param connection an auto-commit connection
     * @param code the coupon's code
     * @return the outcome of this attempt
     * @throws SQLException if the database fails
     */
    abstract Redemption markRedeemed(Connection connection, String code) throws SQLException;

    /**
     * Adds a coupon, or makes an existing one unredeemed again.
     *
     * @param code the coupon's code
     */
    public void issue(String code) {
        try (Connection connection = database.connection();
                PreparedStatement merge = connection.prepareStatement(
                        "MERGE INTO coupons (code, redeemed) KEY (code) VALUES (?, FALSE)")) {
            merge.setString(1, code);
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not issue coupon " + code + ": " + e.getMessage(), e);
        }
    }

    static Boolean redeemedFlag(Connection connection, String code) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT redeemed FROM coupons WHERE code = ?")) {
            query.setString(1, code);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBoolean(1) : null;
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a redemption", e);
        }
    }
}
