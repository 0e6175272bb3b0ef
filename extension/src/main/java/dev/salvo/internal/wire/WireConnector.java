package dev.salvo.internal.wire;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;

/** Jetty's client connector, with a {@link WireEndPoint} under every TCP connection. Not API. */
public final class WireConnector extends ClientConnector {

    @Override
    protected EndPoint newEndPoint(SelectableChannel selectable, ManagedSelector selector, SelectionKey key) {
        if (selectable instanceof SocketChannel channel) {
            return new WireEndPoint(channel, selector, key, getScheduler());
        }
        return super.newEndPoint(selectable, selector, key);
    }
}
