package dev.salvo.internal.gate;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A connection that tells the gate when its thread ends its work (commit, rollback, close), and
 * whose statements tell it what they do before they run. Not API.
 */
final class GatedConnection extends Wrapped {

    private GatedConnection(Connection target) {
        super(target);
    }

    static Connection wrap(Connection connection) {
        return connection == null ? null : proxy(connection, new GatedConnection(connection), Connection.class, false);
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "createStatement":
                return GatedStatement.wrap((Statement) pass(method, args), (Connection) proxy, null);
            case "prepareStatement":
            case "prepareCall":
                SqlKind kind = name.equals("prepareCall") ? SqlKind.WRITE : SqlKind.of((String) args[0]);
                return GatedStatement.wrap((Statement) pass(method, args), (Connection) proxy, kind);
            case "commit":
            case "close":
                return ending(method, args);
            case "rollback":
                return method.getParameterCount() == 0 ? ending(method, args) : pass(method, args); // to a savepoint: work goes on
            default:
                return pass(method, args);
        }
    }

    private Object ending(Method method, Object[] args) throws Throwable {
        try {
            return pass(method, args);
        } finally {
            Gates.workEnded();
        }
    }
}
