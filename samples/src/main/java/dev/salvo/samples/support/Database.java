package dev.salvo.samples.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A private in-memory H2 database with a connection pool. Each instance has its own database,
 * so tests that each open one share nothing. {@link #close()} shuts the database down.
 */
public final class Database implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String url;
    private final JdbcConnectionPool pool;

    private Database(String name) {
        url = "jdbc:h2:mem:" + name + "-" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        pool = JdbcConnectionPool.create(url, "sa", "");
        // Room for every request of a burst to hold a connection at once.
        pool.setMaxConnections(128);
    }

    /**
     * Creates the database and runs the statements that set it up.
     *
     * @param name a name for the database, for example {@code coupons}
     * @param schema SQL statements, run in order
     * @return the open database
     */
    public static Database create(String name, String... schema) {
        Database database = new Database(name);
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            for (String sql : schema) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("could not set up database " + database.url + ": " + e.getMessage(), e);
        }
        return database;
    }

    /**
     * @return a pooled connection in auto-commit mode; close it to give it back
     * @throws SQLException if none can be had
     */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Shuts the database down and closes the pool. */
    @Override
    public void close() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("could not shut down database " + url + ": " + e.getMessage(), e);
        } finally {
            pool.dispose();
        }
    }
}
