package dev.salvo.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.salvo.jdbc.WriteGate;
import java.io.Closeable;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.ConnectionEventListener;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** Unarmed, a wrapped {@code DataSource} behaves exactly like the one it wraps. */
class WriteGateWrapTest {

    private static JdbcConnectionPool h2() {
        return JdbcConnectionPool.create("jdbc:h2:mem:wrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void theWrappedDataSourceKeepsItsInterfacesAndUnwraps() throws SQLException {
        JdbcConnectionPool pool = h2();
        try {
            DataSource gated = WriteGate.wrap(pool);
            assertThat(gated).isNotSameAs(pool).isInstanceOf(ConnectionEventListener.class);
            assertThat(gated.unwrap(JdbcConnectionPool.class)).isSameAs(pool);
            assertThat(gated.isWrapperFor(JdbcConnectionPool.class)).isTrue();
            assertThat(gated.isWrapperFor(String.class)).isFalse();
            assertThat(WriteGate.wrap(gated)).as("wrapping twice").isSameAs(gated);
            assertThat(gated).isEqualTo(gated).isNotEqualTo(pool);
            assertThat(gated.getLoginTimeout()).isEqualTo(pool.getLoginTimeout());
        } finally {
            pool.dispose();
        }
    }

    @Test
    void aPoolStaysCloseable() {
        HikariConfig config = new HikariConfig();
        JdbcConnectionPool h2 = h2();
        config.setDataSource(h2);
        config.setMaximumPoolSize(2);
        HikariDataSource hikari = new HikariDataSource(config);
        try {
            DataSource gated = WriteGate.wrap(hikari);
            assertThat(gated).isInstanceOf(Closeable.class);
            ((Closeable) gated).close();
            assertThat(hikari.isClosed()).isTrue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            hikari.close();
            h2.dispose();
        }
    }

    @Test
    void connectionsAndStatementsWorkAndUnwrap() throws SQLException {
        JdbcConnectionPool pool = h2();
        try (Connection connection = WriteGate.wrap(pool).getConnection()) {
            assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
                assertThat(ddl.getConnection()).as("a statement's connection is the wrapped one").isSameAs(connection);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "one");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                insert.setInt(1, 2);
                insert.setString(2, "two");
                insert.addBatch();
                assertThat(insert.executeBatch()).containsExactly(1);
            }
            try (CallableStatement call = connection.prepareCall("SELECT COUNT(*) FROM t"); ResultSet rows = call.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            assertThatThrownBy(() -> connection.createStatement().execute("INSERT INTO t VALUES (1, 'again')"))
                    .as("the driver's own exception, not a wrapper's").isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
        } finally {
            pool.dispose();
        }
    }

    @Test
    void nullIsRefusedByName() {
        assertThatThrownBy(() -> WriteGate.wrap(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("dataSource");
    }
}
