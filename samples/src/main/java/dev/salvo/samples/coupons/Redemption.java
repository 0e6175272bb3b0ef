package dev.salvo.samples.coupons;

/** What a redemption attempt came to, and the HTTP status the server answers it with. */
public enum Redemption {
    /** This attempt redeemed the coupon: 200. */
    REDEEMED(200),
    /** The coupon had been redeemed before: 409. */
    ALREADY_REDEEMED(409),
    /** No coupon has this code: 404. */
    UNKNOWN(404);

    private final int status;

    Redemption(int status) {
        this.status = status;
    }

    /** @return the HTTP status for this outcome */
    public int status() {
        return status;
    }
}
