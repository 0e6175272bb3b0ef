package dev.salvo.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hand-written baseline, as a typical test would do it: one {@code java.net.http.HttpClient}
 * kept for the whole run (a static field, say), a fixed thread pool with one thread per request,
 * and a {@link CyclicBarrier} that every thread awaits before it sends.
 *
 * <p>The client keeps its connections open between bursts, so from the second burst on the
 * baseline reuses connections instead of opening them inside the burst.
 */
final class JdkBaseline implements Contender, AutoCloseable {

    private static final long WAIT_MARGIN_MILLIS = 5_000;

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public String mode() {
        return "baseline: JDK HttpClient + thread per request + CyclicBarrier";
    }

    @Override
    public Outcome burst(URI baseUrl, String burst, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CyclicBarrier barrier = new CyclicBarrier(count);
        ConcurrentLinkedQueue<Long> passed = new ConcurrentLinkedQueue<>();
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpRequest request = request(baseUrl, burst, i);
                futures.add(pool.submit(() -> {
                    barrier.await(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    passed.add(System.nanoTime());
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            int answered = answered(futures);
            return new Outcome(answered, spread(passed), Optional.empty(), Optional.empty());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends {@code count} requests from {@code threads} threads, each sending one after the other.
     *
     * @return requests answered with {@code 200}
     */
    int throughput(URI baseUrl, String burst, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HttpRequest request = request(baseUrl, burst, i);
                futures.add(pool.submit(() -> client.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            return answered(futures);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static int answered(List<Future<HttpResponse<String>>> futures) throws InterruptedException {
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT.toMillis() * 2 + WAIT_MARGIN_MILLIS)
                + TimeUnit.MILLISECONDS.toNanos(futures.size()); // queued requests wait their turn
        int answered = 0;
        for (Future<HttpResponse<String>> future : futures) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (future.get(left, TimeUnit.NANOSECONDS).statusCode() == 200) {
                    answered++;
                }
            } catch (ExecutionException | TimeoutException failed) {
                future.cancel(true);
            }
        }
        return answered;
    }

    private static Optional<Duration> spread(ConcurrentLinkedQueue<Long> times) {
        if (times.size() < 2) {
            return Optional.empty();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : times) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        return Optional.of(Duration.ofNanos(max - min));
    }

    /** Closes the client where the JDK allows it (Java 21 and later); before that, its connections end with the server. */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("the baseline's HttpClient did not close cleanly: " + e);
            }
        }
    }

    private static HttpRequest request(URI baseUrl, String burst, int index) {
        return HttpRequest.newBuilder(Contender.target(baseUrl, burst, index)).timeout(REQUEST_TIMEOUT).build();
    }
}
