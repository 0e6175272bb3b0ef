package dev.salvo.internal.gate;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@code DataSource} whose connections tell the JVM's write gate what their threads do. While
 * no burst with {@code holdWrites} runs, each call goes to the wrapped {@code DataSource} as it
 * is, and each connection's calls to the wrapped connection. Not API.
 */
public final class GatedDataSource extends Wrapped {

    private GatedDataSource(DataSource target) {
        super(target);
    }

    /**
     * @param dataSource the {@code DataSource} to wrap; one wrapped already is returned as it is
     * @return a {@code DataSource} with every public interface of the wrapped one
     */
    public static DataSource wrap(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (Proxy.isProxyClass(dataSource.getClass()) && Proxy.getInvocationHandler(dataSource) instanceof GatedDataSource) {
            return dataSource;
        }
        return proxy(dataSource, new GatedDataSource(dataSource), DataSource.class, true);
    }

    @Override
    Object handle(Object proxy, Method method, Object[] args) throws Throwable {
        if (!method.getName().equals("getConnection") || method.getReturnType() != Connection.class) {
            return pass(method, args);
        }
        BurstGate gate = Gates.current();
        BurstGate.Party connecting = gate == null ? null : gate.connecting();
        try {
            return GatedConnection.wrap((Connection) pass(method, args));
        } finally {
            if (connecting != null) {
                gate.connected(connecting);
            }
        }
    }
}
