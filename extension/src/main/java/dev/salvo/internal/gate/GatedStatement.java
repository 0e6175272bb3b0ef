package dev.salvo.internal.gate;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A statement that tells the gate what it does before it runs, so that a burst's first write
 * waits at the gate: every {@code executeUpdate} and {@code executeBatch}, and any
 * {@code execute} or {@code executeQuery} whose SQL writes or locks ({@link SqlKind}). Not API.
 */
final class GatedStatement extends Wrapped {

    private final Connection connection;
    private final SqlKind prepared;

    /**
     * @param prepared what the prepared SQL does; {@code null} for a plain statement, whose SQL
     *     comes with each call
     */
    private GatedStatement(Statement target, Connection connection, SqlKind prepared) {
        super(target);
        this.connection = connection;
        this.prepared = prepared;
    }

    static Statement wrap(Statement statement, Connection connection, SqlKind prepared) {
        return statement == null ? null
                : proxy(statement, new GatedStatement(statement, connection, prepared), Statement.class, false);
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getConnection") && method.getParameterCount() == 0) {
            return connection;
        }
        if (name.startsWith("execute")) {
            Gates.beforeStatement(kind(name, args));
        }
        return pass(method, args);
    }

    private SqlKind kind(String method, Object[] args) {
        if (method.equals("executeUpdate") || method.equals("executeLargeUpdate")
                || method.equals("executeBatch") || method.equals("executeLargeBatch")) {
            return SqlKind.WRITE;
        }
        if (args != null && args.length > 0 && args[0] instanceof String sql) {
            return SqlKind.of(sql);
        }
        return prepared == null ? SqlKind.READ : prepared;
    }
}
