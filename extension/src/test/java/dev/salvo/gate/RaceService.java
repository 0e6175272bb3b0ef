package dev.salvo.gate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.salvo.jdbc.WriteGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A service with races and their fixes, on the JDK's {@code HttpServer} (32 handler threads) in
 * this JVM, over an in-memory H2 database whose pool is wrapped by {@link WriteGate}. Nothing
 * widens any race: each handler runs its statements back to back.
 *
 * <ul>
 *   <li>{@code POST /naive-claims/CODE}: check then insert, no lock (the check-then-act bug);
 *   <li>{@code POST /unique-claims/CODE}: the same against a unique constraint (the fix);
 *   <li>{@code POST /synchronized-claims/CODE}: the naive claim inside a Java lock;
 *   <li>{@code POST /naive-deposits/ID}: read the balance, write balance + 10 (the lost update);
 *   <li>{@code POST /atomic-deposits/ID}: {@code UPDATE ... SET balance = balance + 10} (a fix);
 *   <li>{@code POST /locked-deposits/ID}: {@code SELECT ... FOR UPDATE}, then the write, in one
 *       transaction (another fix);
 *   <li>{@code GET /balances/ID}: reads only; {@code GET /hello}: no database at all;
 *   <li>{@code POST /parked-claims/CODE}: the naive claim, after waiting for {@link #unpark()}.
 * </ul>
 *
 * Claims answer 200 (won) or 409 (taken); deposits 200 with the balance they wrote.
 */
final class RaceService implements AutoCloseable {

    /**
     * The lock every test class of gated services takes: the gate tells the burst's server
     * threads by the server frames on their stacks, which cannot tell two JDK servers of one JVM
     * apart, so two gated bursts of this suite never run at once.
     */
    static final String LOCK = "dev.salvo.write-gate";

    static final int THREADS = 32;

    private final JdbcConnectionPool pool;
    private final DataSource gated;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final Object claimLock = new Object();
    private final AtomicInteger beforeWrite = new AtomicInteger();
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private volatile CountDownLatch parked = new CountDownLatch(1);

    private RaceService(JdbcConnectionPool pool, DataSource gated) throws IOException {
        this.pool = pool;
        this.gated = gated;
        AtomicInteger names = new AtomicInteger();
        handlers = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "race-service-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the service over its own database, the pool wrapped by the gate. */
    static RaceService start() {
        return start(null);
    }

    /**
     * Starts the service.
     *
     * @param front wraps the raw pool before the gate wraps it (for example a HikariCP pool over
     *     it), or {@code null} to gate the H2 pool itself
     */
    static RaceService start(java.util.function.Function<DataSource, DataSource> front) {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        pool.setMaxConnections(64);
        try {
            try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL)");
                ddl.execute("CREATE INDEX claims_code ON claims (code)");
                ddl.execute("CREATE TABLE unique_claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL UNIQUE)");
                ddl.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
                ddl.execute("CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(64) NOT NULL)");
            }
            DataSource inner = front == null ? pool : front.apply(pool);
            return new RaceService(pool, WriteGate.wrap(inner));
        } catch (IOException | SQLException e) {
            pool.dispose();
            throw new IllegalStateException("could not start the race service: " + e, e);
        }
    }

    /** @return for example http://127.0.0.1:41234 */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the gated {@code DataSource} the service uses */
    DataSource dataSource() {
        return gated;
    }

    /** Opens an account with a balance of 0 (again). */
    void openAccount(long id) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement merge = connection.prepareStatement("MERGE INTO accounts (id, balance) KEY (id) VALUES (?, 0)")) {
            merge.setLong(1, id);
            merge.executeUpdate();
        }
    }

    long balance(long id) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** @return how many claims of this code were inserted, by the naive and the unique claims alike */
    long claimsOf(String code) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT (SELECT COUNT(*) FROM claims WHERE code = ?) + (SELECT COUNT(*) FROM unique_claims WHERE code = ?)")) {
            count.setString(1, code);
            count.setString(2, code);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** @return how many handlers are about to run their first write, or ran it */
    int beforeWrite() {
        return beforeWrite.get();
    }

    /** Lets every parked claim go on. */
    void unpark() {
        parked.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String what = path.length > 1 ? path[1] : "";
            String key = path.length > 2 ? path[2] : "";
            handled.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
            int status;
            String text;
            try {
                switch (what) {
                    case "naive-claims" -> status = naiveClaim(key) ? 200 : 409;
                    case "unique-claims" -> status = uniqueClaim(key) ? 200 : 409;
                    case "synchronized-claims" -> {
                        synchronized (claimLock) {
                            status = naiveClaim(key) ? 200 : 409;
                        }
                    }
                    case "parked-claims" -> {
                        if (!parked.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never unparked");
                        }
                        status = naiveClaim(key) ? 200 : 409;
                    }
                    case "naive-deposits" -> {
                        text = Long.toString(naiveDeposit(Long.parseLong(key)));
                        respond(exchange, 200, text);
                        return;
                    }
                    case "atomic-deposits" -> {
                        atomicDeposit(Long.parseLong(key));
                        status = 200;
                    }
                    case "locked-deposits" -> {
                        lockedDeposit(Long.parseLong(key));
                        status = 200;
                    }
                    case "balances" -> {
                        respond(exchange, 200, Long.toString(readBalance(Long.parseLong(key))));
                        return;
                    }
                    case "hello" -> status = 200;
                    default -> status = 404;
                }
            } catch (SQLException | RuntimeException | InterruptedException failed) {
                respond(exchange, 500, failed.toString());
                return;
            }
            respond(exchange, status, Integer.toString(status));
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private boolean naiveClaim(String code) throws SQLException {
        try (Connection connection = gated.getConnection()) {
            try (PreparedStatement check = connection.prepareStatement("SELECT COUNT(*) FROM claims WHERE code = ?")) {
                check.setString(1, code);
                try (ResultSet count = check.executeQuery()) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            beforeWrite.incrementAndGet();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO claims (code) VALUES (?)")) {
                insert.setString(1, code);
                insert.executeUpdate();
                return true;
            }
        }
    }

    private boolean uniqueClaim(String code) throws SQLException {
        try (Connection connection = gated.getConnection()) {
            try (PreparedStatement check = connection.prepareStatement("SELECT COUNT(*) FROM unique_claims WHERE code = ?")) {
                check.setString(1, code);
                try (ResultSet count = check.executeQuery()) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO unique_claims (code) VALUES (?)")) {
                insert.setString(1, code);
                insert.executeUpdate();
                return true;
            } catch (SQLException duplicate) {
                if ("23505".equals(duplicate.getSQLState())) {
                    return false; // the constraint refused the second claim
                }
                throw duplicate;
            }
        }
    }

    private long readBalance(long id) throws SQLException {
        try (Connection connection = gated.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long naiveDeposit(long id) throws SQLException {
        long balance = readBalance(id);
        try (Connection connection = gated.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
            update.setLong(1, balance + 10);
            update.setLong(2, id);
            update.executeUpdate();
            return balance + 10;
        }
    }

    private void atomicDeposit(long id) throws SQLException {
        try (Connection connection = gated.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = balance + 10 WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    private void lockedDeposit(long id) throws SQLException {
        try (Connection connection = gated.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long balance;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT balance FROM accounts WHERE id = ? FOR UPDATE")) {
                    select.setLong(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        balance = row.getLong(1);
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
                    update.setLong(1, balance + 10);
                    update.setLong(2, id);
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Writes one note through the gated {@code DataSource}, as any other code of the application would. */
    void writeNote(String text) throws SQLException {
        try (Connection connection = gated.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
            insert.setString(1, text);
            insert.executeUpdate();
        }
    }

    /** Stops the server, its threads, then the database. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("race service threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection connection = pool.getConnection(); Statement shutdown = connection.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException alreadyGone) {
            // nothing left to free
        }
        pool.dispose();
    }
}
