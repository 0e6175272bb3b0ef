package dev.salvo.internal.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Bounded shutdown of the executors Salvo owns. Not API. */
public final class Threads {

    public static final long SHUTDOWN_MILLIS = 5_000;

    private Threads() {}

    /** Waits up to {@link #SHUTDOWN_MILLIS} for the executor to stop; says so on stderr when it does not. */
    public static void awaitTermination(ExecutorService executor, String what) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
                System.err.println("salvo: " + what + " did not stop within " + SHUTDOWN_MILLIS
                        + " ms; a preparation method ignores interruption");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
