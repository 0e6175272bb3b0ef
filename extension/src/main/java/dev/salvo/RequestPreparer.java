package dev.salvo;

/**
 * Makes the request for one index of a {@link Burst}: the programmatic counterpart of a
 * {@link PrepareRequest} method. It runs on Salvo's preparation pool, one call per index, in
 * parallel, and may block and throw, for example to log a user in first:
 *
 * <pre>{@code
 * Burst.of(20)
 *         .prepare(index -> {
 *             String token = users.login("user-" + index);   // may throw IOException
 *             return RequestSpec.post("/coupons/SPRING/redeem", "{}", "application/json")
 *                     .withHeader("Authorization", "Bearer " + token);
 *         })
 *         .fire();
 * }</pre>
 *
 * <p>Whatever it throws fails the burst with a {@link PreparationException} naming the index,
 * with the thrown exception as its cause; with a barrier, nothing is sent.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestPreparer {

    /**
     * @param index the request's index, from 0 to {@code count - 1}
     * @return the request to send for this index, never {@code null}
     * @throws Exception when the request cannot be made; the burst is then aborted
     */
    RequestSpec prepare(int index) throws Exception;
}
