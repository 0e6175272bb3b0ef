package dev.salvo.internal.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.HTTP2ClientConnectionFactory;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.http2.client.transport.internal.HTTPSessionListenerPromise;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * PING round trips on the client's HTTP/2 sessions. The client's HTTP/2 connections are made
 * through {@link #protocol}, whose session listener is Jetty's own with one addition: it hears
 * the server's PING acknowledgements. A server answers a PING after reading every frame sent
 * before it, and the client reads the acknowledgement after every frame the server sent before
 * it; so once {@link #roundTrip} completes, the server has read the heads sent ahead of the
 * PING, and the client has read whatever the server answered until then. Not API.
 */
public final class Http2Pings {

    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong payloads = new AtomicLong(System.nanoTime());

    /** @return the HTTP/2 protocol for the client's dynamic transport, with PING acknowledgements heard */
    ClientConnectionFactory.Info protocol(HTTP2Client http2) {
        return new Protocol(http2);
    }

    /**
     * Sends a PING on the session.
     *
     * @return completes when the server's acknowledgement was read; fails if the PING could not be written
     */
    public CompletableFuture<Void> roundTrip(Session session) {
        long payload = payloads.incrementAndGet();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        waiting.put(payload, acknowledged);
        acknowledged.whenComplete((ignored, error) -> waiting.remove(payload));
        session.ping(new PingFrame(payload, false), Callback.from(() -> { }, acknowledged::completeExceptionally));
        return acknowledged;
    }

    /** Forgets every round trip still waiting (they complete exceptionally). */
    void close() {
        waiting.values().forEach(future -> future.completeExceptionally(new IOException("client closed")));
    }

    private void heard(PingFrame frame) {
        if (frame.isReply()) {
            CompletableFuture<Void> acknowledged = waiting.get(frame.getPayloadAsLong());
            if (acknowledged != null) {
                acknowledged.complete(null);
            }
        }
    }

    /** Jetty's HTTP/2 protocol, its connections made by {@link Frames}. */
    private final class Protocol extends ClientConnectionFactoryOverHTTP2.HTTP2 {

        private final ClientConnectionFactory frames;

        Protocol(HTTP2Client http2) {
            super(http2);
            frames = new Frames(http2);
        }

        @Override
        public ClientConnectionFactory getClientConnectionFactory() {
            return frames;
        }
    }

    /**
     * Makes an HTTP/2 connection whose session listener is Jetty's, heard by {@link Heard}, and
     * whose exchanges' answers are heard as they are read ({@link Http2Answers}).
     */
    private final class Frames implements ClientConnectionFactory {

        private final HTTP2Client http2;
        private final ClientConnectionFactory connections = new HTTP2ClientConnectionFactory();

        Frames(HTTP2Client http2) {
            this.http2 = http2;
        }

        @Override
        public Connection newConnection(EndPoint endPoint, Map<String, Object> context) throws IOException {
            HTTPSessionListenerPromise jettys = Http2Answers.sessionPromise(context);
            context.put(HTTP2Client.CONTEXT_KEY, http2);
            context.put(HTTP2Client.SESSION_LISTENER_CONTEXT_KEY, new Heard(jettys));
            context.put(HTTP2Client.SESSION_PROMISE_CONTEXT_KEY, jettys);
            return connections.newConnection(endPoint, context);
        }
    }

    /** Jetty's session listener, every event passed on; PING acknowledgements are heard on the way. */
    private final class Heard implements Session.Listener {

        private final Session.Listener jettys;

        Heard(Session.Listener jettys) {
            this.jettys = jettys;
        }

        @Override
        public Map<Integer, Integer> onPreface(Session session) {
            return jettys.onPreface(session);
        }

        @Override
        public Stream.Listener onNewStream(Stream stream, HeadersFrame frame) {
            return jettys.onNewStream(stream, frame);
        }

        @Override
        public void onSettings(Session session, SettingsFrame frame) {
            jettys.onSettings(session, frame);
        }

        @Override
        public void onPing(Session session, PingFrame frame) {
            heard(frame);
            jettys.onPing(session, frame);
        }

        @Override
        public void onReset(Session session, ResetFrame frame) {
            jettys.onReset(session, frame);
        }

        @Override
        public void onGoAway(Session session, GoAwayFrame frame) {
            jettys.onGoAway(session, frame);
        }

        @Override
        public void onClose(Session session, GoAwayFrame frame, Callback callback) {
            jettys.onClose(session, frame, callback);
        }

        @Override
        public boolean onIdleTimeout(Session session) {
            return jettys.onIdleTimeout(session);
        }

        @Override
        public void onFailure(Session session, Throwable failure, Callback callback) {
            jettys.onFailure(session, failure, callback);
        }
    }
}
