package dev.salvo.samples.coupons;

import dev.salvo.samples.support.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The bug: the act trusts the check. Every request that read "not redeemed" before any of them
 * wrote goes on to set the flag, and every one of them reports success.
 */
final class NaiveCouponService extends CouponService {

    NaiveCouponService(Database database) {
        super(database);
    }

    // tag::naive-act[]
    @Override
    Redemption markRedeemed(Connection connection, String code) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE coupons SET redeemed = TRUE WHERE code = ?")) {
            update.setString(1, code);
            update.executeUpdate();
            return Redemption.REDEEMED; // the check said so, some milliseconds ago
        }
    }
    // end::naive-act[]
}
