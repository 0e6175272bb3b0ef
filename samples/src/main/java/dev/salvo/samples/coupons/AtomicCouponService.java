package dev.salvo.samples.coupons;

import dev.salvo.samples.support.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The fix: the act repeats the check inside the update ({@code WHERE redeemed = FALSE}) and
 * counts the rows it changed. The database serialises updates of one row, so exactly one
 * request changes it; every other finds the flag already set and changes nothing.
 */
final class AtomicCouponService extends CouponService {

    AtomicCouponService(Database database) {
        super(database);
    }

    // tag::atomic-act[]
    @Override
    Redemption markRedeemed(Connection connection, String code) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE coupons SET redeemed = TRUE WHERE code = ? AND redeemed = FALSE")) {
            update.setString(1, code);
            return update.executeUpdate() == 1 ? Redemption.REDEEMED : Redemption.ALREADY_REDEEMED;
        }
    }
    // end::atomic-act[]
}
