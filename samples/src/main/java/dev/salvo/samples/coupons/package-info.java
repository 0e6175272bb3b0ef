/**
 * A coupon service, {@code POST /coupons/{code}/redeem}, in two versions: one with a
 * check-then-act race that lets several simultaneous redemptions of one coupon succeed, and one
 * fixed with an atomic conditional update.
 */
package dev.salvo.samples.coupons;
