package dev.salvo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * A server on 127.0.0.1 that notes {@link System#nanoTime()} the moment each request has fully
 * arrived, before it does anything else with it, and answers a tiny {@code 200} at once.
 *
 * <p>Requests name their burst in the first segment of their path ({@code /b17/42}); the
 * benchmark takes a burst's arrivals with {@link #take(String)} once every response came back.
 * Each {@link Protocol} is one implementation.
 */
interface TimestampServer extends AutoCloseable {

    /** Protocols the benchmark can measure at the server. */
    enum Protocol {
        /** HTTP/1.1 over plain TCP: {@link Http1TimestampServer}. */
        HTTP_1_1 {
            @Override
            TimestampServer start(int maxConcurrentStreams) throws IOException {
                return Http1TimestampServer.start();
            }
        },
        /** HTTP/2 over plain TCP with prior knowledge (h2c): {@link H2cTimestampServer}. */
        HTTP_2 {
            @Override
            TimestampServer start(int maxConcurrentStreams) throws IOException {
                return H2cTimestampServer.start(maxConcurrentStreams);
            }
        };

        abstract TimestampServer start(int maxConcurrentStreams) throws IOException;

        /**
         * Starts a server of this protocol on 127.0.0.1, on a free port.
         *
         * @param maxConcurrentStreams what an HTTP/2 server advertises in SETTINGS_MAX_CONCURRENT_STREAMS; unused by HTTP/1.1
         */
        TimestampServer started(int maxConcurrentStreams) {
            try {
                return start(maxConcurrentStreams);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the " + this + " timestamping server on 127.0.0.1", e);
            }
        }

        /** Starts a server of this protocol with the defaults. */
        TimestampServer started() {
            return started(H2cTimestampServer.DEFAULT_MAX_CONCURRENT_STREAMS);
        }
    }

    /** @return the server's base URL, {@code http://127.0.0.1:PORT} */
    URI baseUrl();

    /**
     * @param burst a burst id, the first path segment of its requests
     * @return the arrivals of that burst's requests so far; they are forgotten by the server
     */
    List<Arrivals.Arrival> take(String burst);

    /** @return connections accepted and not yet closed */
    int openConnections();

    /** @return connections accepted since the server started, closed or not */
    long acceptedConnections();

    /** @return bytes the server has read from all its connections since it started */
    long bytesRead();

    /**
     * Waits until the server has read {@code total} bytes in all, at most {@code maxMillis}: for
     * a client that has just written the first part of its requests and wants the server to have
     * read them before it writes the rest.
     *
     * @throws IllegalStateException if the server has not read that much in time
     */
    default void awaitBytesRead(long total, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (bytesRead() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server read " + bytesRead() + " of " + total + " bytes within "
                        + maxMillis + " ms");
            }
            Thread.sleep(1);
        }
    }

    /** Stops the server and closes every connection; waits a bounded time. */
    @Override
    void close();
}
