package dev.salvo.benchmarks;

import java.net.URI;
import java.util.List;

/**
 * A server with the natural races, their fixes and nothing to widen them, whose database is
 * wrapped by Salvo's write gate (which does nothing unless a burst arms it). {@code /CODE/anything}
 * claims {@code CODE} (check, then insert), or, by the code's prefix: {@link #DEPOSIT_PREFIX}
 * deposits 10 into that account (read the balance, then write it back plus 10);
 * {@link #UNIQUE_PREFIX} claims against a unique constraint (check, insert, a duplicate key
 * means taken); {@link #ATOMIC_PREFIX} deposits with one {@code UPDATE ... SET balance = balance
 * + 10}. Every handled request is recorded, so that the benchmark counts at the server.
 */
interface RaceServer extends AutoCloseable {

    /** Codes with this prefix are accounts: a request to them is a read-modify-write deposit. */
    String DEPOSIT_PREFIX = "deposit-";

    /** Codes with this prefix are accounts: a request to them is an atomic deposit (the fix). */
    String ATOMIC_PREFIX = "atomic-";

    /** Codes with this prefix are claimed against a unique constraint (the fix). */
    String UNIQUE_PREFIX = "unique-";

    /** What one deposit adds. */
    long DEPOSIT = 10;

    /**
     * One handled request.
     *
     * @param won a claim: whether it inserted; a deposit: whether it wrote
     * @param enteredNanos {@link System#nanoTime()} when the handler started
     */
    record Claim(boolean won, long enteredNanos) {}

    /** @return for the tables, e.g. "JDK HttpServer + H2" */
    String name();

    URI baseUrl();

    /** @return the handler threads, as many as database connections */
    int threads();

    /** Opens the account {@code code} with a balance of 0, before a round of deposits. */
    void openAccount(String code);

    /** @return the balance of the account {@code code} */
    long balance(String code);

    /** @return the requests handled for one code so far, in the order they were handled; forgotten by the server */
    List<Claim> take(String code);

    @Override
    void close();
}
