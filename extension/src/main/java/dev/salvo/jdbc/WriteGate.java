package dev.salvo.jdbc;

import dev.salvo.internal.gate.GatedDataSource;
import javax.sql.DataSource;

/**
 * The write gate: makes the interleaving that breaks check-then-act and read-modify-write code
 * happen in every burst, for services that run in the test's JVM (Spring Boot's
 * {@code RANDOM_PORT}, an embedded Jetty, Tomcat or JDK {@code HttpServer}).
 *
 * <p>Wrap the service's {@code DataSource}, and run the burst with {@code holdWrites}:
 *
 * <pre>{@code
 * DataSource dataSource = WriteGate.wrap(pool);          // the service uses this one
 *
 * @ConcurrentRequests(count = 20, holdWrites = true, method = "POST", url = "/vouchers/SPRING/claim")
 * void aVoucherIsClaimedOnce(Responses responses) {
 *     assertThat(responses).allReachedTheGate().exactlyOneHasStatus(200);
 * }
 * }</pre>
 *
 * <p>While such a burst runs, each thread that serves one of its requests runs its reads freely
 * and waits at its first write (an {@code INSERT}, {@code UPDATE}, {@code DELETE} or
 * {@code MERGE}, a batch, a {@code SELECT ... FOR UPDATE}) until every request of the burst has
 * reached its first write, ended its database work (commit, rollback, or the connection given
 * back) or been answered, then all go on together. Every request has then read before any has
 * written. The gate only delays threads, never for longer than the hold bound (250 ms unless
 * set), so every schedule it makes is one production can make: a failure it finds is a real
 * bug. Code that locks correctly (a unique constraint, {@code SELECT ... FOR UPDATE}, an atomic
 * {@code UPDATE ... WHERE}) still passes.
 *
 * <p>A thread is the burst's when the HTTP request it serves came from one of the burst's own
 * connections (known wherever the server says which request a thread serves: Spring MVC on any
 * servlet container), or else when it is serving an HTTP request at all while the burst runs
 * (a known server's request handling on its stack). Other threads (the test's, a scheduler's,
 * a pool's) are never held, and bursts with {@code holdWrites} take turns. Wrap the pool (the
 * {@code DataSource} the service asks for connections), not the driver's {@code DataSource}
 * inside it. What the gate did is in {@code Responses.gateHold()}.
 *
 * @since 0.1.0
 */
public final class WriteGate {

    private WriteGate() {}

    /**
     * Wraps a {@code DataSource} so that bursts with {@code holdWrites} can hold its writes.
     * Until such a burst runs, the result behaves exactly like the one it wraps: every call,
     * and every call on the connections and statements it hands out, goes to the wrapped
     * object unchanged. It has every public interface of the wrapped object (a pool's
     * {@code Closeable} too), and {@code unwrap} reaches the wrapped object.
     *
     * @param dataSource the {@code DataSource} the service gets its connections from
     * @return a {@code DataSource} for the service to use instead; the same object when it is
     *     wrapped already
     * @throws NullPointerException if {@code dataSource} is {@code null}
     */
    public static DataSource wrap(DataSource dataSource) {
        return GatedDataSource.wrap(dataSource);
    }
}
