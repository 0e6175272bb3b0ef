package dev.salvo.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.salvo.jdbc.WriteGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A {@link RaceServer} on the JDK's {@code HttpServer} on 127.0.0.1 with a fixed pool of handler
 * threads, and an in-memory H2 database with as many connections, wrapped by the write gate. {@code /CODE/anything} claims {@code CODE}: the handler reads the request body,
 * then checks and inserts in two statements without a lock (autocommit),
 *
 * <pre>
 * SELECT COUNT(*) FROM claims WHERE code = ?     -- 0: nobody has it yet
 * INSERT INTO claims (code) VALUES (?)           -- so take it
 * </pre>
 *
 * and answers {@code 200} when it inserted, {@code 409} when the code was taken. Two requests
 * that both run the SELECT before either INSERT both win: that is the race. A deposit reads the
 * balance and writes it back plus 10 (the lost update). Every request is also recorded here, so
 * the benchmark counts winners at the server and not only as the client saw them.
 */
final class ClaimServer implements RaceServer {

    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final JdbcConnectionPool database;
    private final DataSource gated;
    private final Map<String, Queue<Claim>> claims = new ConcurrentHashMap<>();
    private final int threads;

    private ClaimServer(HttpServer server, ExecutorService handlers, JdbcConnectionPool database, int threads) {
        this.server = server;
        this.handlers = handlers;
        this.database = database;
        this.gated = WriteGate.wrap(database);
        this.threads = threads;
    }

    /**
     * Starts the server on a free port.
     *
     * @param threads handler threads and database connections, at least 16
     */
    static ClaimServer start(int threads) {
        if (threads < 16) {
            throw new IllegalArgumentException("the claim server needs at least 16 handler threads, was " + threads);
        }
        JdbcConnectionPool database = JdbcConnectionPool.create(
                "jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.setMaxConnections(threads);
        AtomicInteger named = new AtomicInteger();
        ExecutorService handlers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "claim-server-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            try (Connection connection = database.getConnection(); Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL)");
                ddl.execute("CREATE INDEX claims_code ON claims (code)");
                ddl.execute("CREATE TABLE accounts (code VARCHAR(64) PRIMARY KEY, balance BIGINT NOT NULL)");
                ddl.execute("CREATE TABLE unique_claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL UNIQUE)");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            server.setExecutor(handlers);
            ClaimServer claimServer = new ClaimServer(server, handlers, database, threads);
            server.createContext("/", claimServer::handle);
            server.start();
            return claimServer;
        } catch (IOException | SQLException | RuntimeException e) {
            handlers.shutdownNow();
            database.dispose();
            throw e instanceof IOException io ? new UncheckedIOException("could not start the claim server", io)
                    : new IllegalStateException("could not start the claim server: " + e, e);
        }
    }

    @Override
    public String name() {
        return "JDK HttpServer + H2";
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void openAccount(String code) {
        try (Connection connection = database.getConnection();
                PreparedStatement merge = connection.prepareStatement("MERGE INTO accounts (code, balance) KEY (code) VALUES (?, 0)")) {
            merge.setString(1, code);
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not open account " + code + ": " + e, e);
        }
    }

    @Override
    public long balance(String code) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account " + code + ": " + e, e);
        }
    }

    @Override
    public List<Claim> take(String code) {
        Queue<Claim> recorded = claims.remove(code);
        return recorded == null ? List.of() : new ArrayList<>(recorded);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long entered = System.nanoTime();
        try {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes(); // an application reads its request before it acts on it
            }
            String code = Arrivals.burstOf(exchange.getRequestURI().getPath());
            int status;
            try {
                boolean won = code.startsWith(DEPOSIT_PREFIX) ? deposit(code)
                        : code.startsWith(ATOMIC_PREFIX) ? atomicDeposit(code)
                        : code.startsWith(UNIQUE_PREFIX) ? uniqueClaim(code)
                        : claim(code);
                claims.computeIfAbsent(code, c -> new ConcurrentLinkedQueue<>()).add(new Claim(won, entered));
                status = won ? 200 : 409;
            } catch (SQLException failed) {
                status = 500;
            }
            exchange.sendResponseHeaders(status, -1);
        } finally {
            exchange.close();
        }
    }

    /** Read, then write back plus 10: the lost update. */
    private boolean deposit(String code) throws SQLException {
        try (Connection connection = gated.getConnection()) {
            long balance;
            try (PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE code = ?")) {
                select.setString(1, code);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    balance = row.getLong(1);
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = ? WHERE code = ?")) {
                update.setLong(1, balance + DEPOSIT);
                update.setString(2, code);
                return update.executeUpdate() == 1;
            }
        }
    }

    /** The fix of the lost update: the database adds, under the row's lock. */
    private boolean atomicDeposit(String code) throws SQLException {
        try (Connection connection = gated.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE code = ?")) {
            update.setLong(1, DEPOSIT);
            update.setString(2, code);
            return update.executeUpdate() == 1;
        }
    }

    /** The fix of check-then-insert: the same two statements against a unique constraint. */
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
                    return false; // the constraint refused a second winner
                }
                throw duplicate;
            }
        }
    }

    /** Check, then insert: the race under test. */
    private boolean claim(String code) throws SQLException {
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
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO claims (code) VALUES (?)")) {
                insert.setString(1, code);
                insert.executeUpdate();
                return true;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                System.err.println("claim server threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection connection = database.getConnection(); Statement shutdown = connection.createStatement()) {
            shutdown.execute("SHUTDOWN"); // an in-memory database kept open by DB_CLOSE_DELAY=-1 goes only this way
        } catch (SQLException alreadyGone) {
            // nothing left to free
        }
        database.dispose();
    }
}
