package dev.salvo.internal.client;

import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.transport.HttpExchange;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.transport.internal.HTTPSessionListenerPromise;
import org.eclipse.jetty.http2.client.transport.internal.HttpChannelOverHTTP2;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.PushPromiseFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * Hears the start of an HTTP/2 answer where the client reads it. Jetty reads a connection's
 * frames in order on one thread, but hands what a stream's HEADERS frame means to a task that
 * may run later, on another thread, after frames read behind it: a PING acknowledgement read
 * after an answer's HEADERS can be heard before the response listeners learn that the answer
 * began. Here the stream listener of every HTTP/2 exchange is Jetty's own with one addition:
 * when the HEADERS frame of a final answer is read, the request attribute {@link #HEARD}, a
 * {@link Runnable}, runs on the reading thread, before the next frame is read. Not API.
 */
public final class Http2Answers {

    /** The request attribute, a {@link Runnable}, run when the HEADERS frame of the request's final answer is read. */
    public static final String HEARD = "dev.salvo.http2.answer-heard";

    private Http2Answers() {}

    /** @return Jetty's session promise for a new HTTP/2 connection, whose exchanges are heard */
    static HTTPSessionListenerPromise sessionPromise(Map<String, Object> context) {
        return new HTTPSessionListenerPromise(context) {
            @Override
            protected Connection newConnection(Destination destination, Session session, HTTP2Connection connection) {
                return new HeardConnection(destination, session, connection);
            }
        };
    }

    /** Jetty's HTTP/2 connection, whose channels are {@link HeardChannel}s. */
    private static final class HeardConnection extends HttpConnectionOverHTTP2 {

        HeardConnection(Destination destination, Session session, HTTP2Connection connection) {
            super(destination, session, connection);
        }

        @Override
        protected HttpChannelOverHTTP2 newHttpChannel() {
            return new HeardChannel(this, getSession());
        }
    }

    /** Jetty's HTTP/2 channel, its stream listener wrapped by {@link Heard}. */
    private static final class HeardChannel extends HttpChannelOverHTTP2 {

        private final Stream.Listener listener;

        HeardChannel(HttpConnectionOverHTTP2 connection, Session session) {
            super(connection, session);
            listener = new Heard(super.getStreamListener());
        }

        @Override
        public Stream.Listener getStreamListener() {
            return listener;
        }

        /** Called on the thread that read the frame, before it reads the next one. */
        private void answerRead(HeadersFrame frame) {
            if (frame.getMetaData() instanceof MetaData.Response answer && answer.getStatus() >= 200) {
                HttpExchange exchange = getHttpExchange();
                if (exchange != null && exchange.getRequest().getAttributes().get(HEARD) instanceof Runnable heard) {
                    heard.run();
                }
            }
        }

        /** Jetty's stream listener, every event passed on; the HEADERS of an answer are heard on the way. */
        private final class Heard implements Stream.Listener {

            private final Stream.Listener jettys;

            Heard(Stream.Listener jettys) {
                this.jettys = jettys;
            }

            @Override
            public void onNewStream(Stream stream) {
                jettys.onNewStream(stream);
            }

            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                answerRead(frame);
                jettys.onHeaders(stream, frame);
            }

            @Override
            public void onHeaders(Stream stream, HeadersFrame frame, Callback callback) {
                answerRead(frame);
                jettys.onHeaders(stream, frame, callback);
            }

            @Override
            public Stream.Listener onPush(Stream stream, PushPromiseFrame frame) {
                return jettys.onPush(stream, frame);
            }

            @Override
            public void onDataAvailable(Stream stream) {
                jettys.onDataAvailable(stream);
            }

            @Override
            public void onDataAvailable(Stream stream, boolean immediate) {
                jettys.onDataAvailable(stream, immediate);
            }

            @Override
            public void onReset(Stream stream, ResetFrame frame, Callback callback) {
                jettys.onReset(stream, frame, callback);
            }

            @Override
            public void onIdleTimeout(Stream stream, TimeoutException timeout, Promise<Boolean> promise) {
                jettys.onIdleTimeout(stream, timeout, promise);
            }

            @Override
            public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
                jettys.onFailure(stream, error, reason, failure, callback);
            }

            @Override
            public void onClosed(Stream stream) {
                jettys.onClosed(stream);
            }
        }
    }
}
