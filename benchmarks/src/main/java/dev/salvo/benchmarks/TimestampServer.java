package dev.salvo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * A server on 127.0.0.1 that notes {@link System#nanoTime()} the moment each request has fully
 * arrived, before it does anything else with it, and answers a tiny {@code 200}.
 *
 * <p>Requests name their burst in the first segment of their path ({@code /b17/42}); the
 * benchmark takes a burst's arrival times with {@link #take(String)} once every response came back.
 * Each {@link Protocol} is one implementation; adding a protocol (an h2c server, say) means one
 * more constant and one more class.
 */
interface TimestampServer extends AutoCloseable {

    /** Protocols the benchmark can measure at the server. */
    enum Protocol {
        /** HTTP/1.1 over plain TCP: {@link Http1TimestampServer}. */
        HTTP_1_1 {
            @Override
            TimestampServer start() throws IOException {
                return Http1TimestampServer.start();
            }
        };

        abstract TimestampServer start() throws IOException;

        /** Starts a server of this protocol on 127.0.0.1, on a free port. */
        TimestampServer started() {
            try {
                return start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the " + this + " timestamping server on 127.0.0.1", e);
            }
        }
    }

    /** @return the server's base URL, {@code http://127.0.0.1:PORT} */
    URI baseUrl();

    /**
     * @param burst a burst id, the first path segment of its requests
     * @return the arrival times of that burst's requests so far, in {@link System#nanoTime()}
     *     units; they are forgotten by the server
     */
    List<Long> take(String burst);

    /** @return connections accepted and not yet closed */
    int openConnections();

    /** @return connections accepted since the server started, closed or not */
    long acceptedConnections();

    /** Stops the server and closes every connection; waits a bounded time. */
    @Override
    void close();
}
