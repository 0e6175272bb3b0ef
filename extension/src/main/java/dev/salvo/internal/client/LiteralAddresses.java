package dev.salvo.internal.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves IP literals on the calling thread (no lookup is involved), and hands every name
 * to Jetty's resolver, which looks it up on a thread of the client's. A race test usually
 * targets a literal loopback address: handing its "lookup" to another thread for every
 * connection, as Jetty does by default, only adds a thread switch to each connect. Not API.
 */
final class LiteralAddresses implements SocketAddressResolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SocketAddressResolver names;

    LiteralAddresses(SocketAddressResolver names) {
        this.names = names;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            names.resolve(host, port, context, promise);
            return;
        }
        try {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByName(literal), port)));
        } catch (UnknownHostException | RuntimeException unresolved) {
            promise.failed(unresolved);
        }
    }
}
