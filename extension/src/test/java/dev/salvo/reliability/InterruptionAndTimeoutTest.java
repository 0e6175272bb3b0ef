package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.Burst;
import dev.salvo.PreparationException;
import dev.salvo.RequestSpec;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Nothing waits without a bound: JUnit's {@code @Timeout}, an interrupt of the calling thread and
 * the preparation time limit each end a burst quickly, and leave no Salvo thread and no open
 * connection behind. Runs {@link Isolated} because it looks at every {@code salvo-*} thread of the JVM.
 */
@Isolated
class InterruptionAndTimeoutTest {

    /** The request timeout of the bursts that an interrupt must end: ending before it shows the interrupt ended them. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Generous: the awaits return as soon as their condition holds. */
    private static final Duration CLEANED_UP_WITHIN = Duration.ofSeconds(30);

    @Test
    void junitTimeoutStopsTheBurst() {
        try (RawServer server = RawServer.start("timeout", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            long start = System.nanoTime();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .selectors(selectClass(TimeoutTestCases.class))
                    .execute();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("@Timeout | run took " + elapsed.toMillis() + " ms; server read " + server.requests() + " requests");

            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            Throwable failure = failureOf(results);
            assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageContaining("timed out after 1 second");
            assertThat(elapsed).as("ended by the 1 s @Timeout, before the %d ms request timeout", TimeoutTestCases.REQUEST_TIMEOUT_MILLIS)
                    .isLessThan(Duration.ofMillis(TimeoutTestCases.REQUEST_TIMEOUT_MILLIS));
            assertNothingLeftBehind(server, before);
        }
    }

    @Test
    void interruptingTheCallerCancelsTheBurstInFlight() throws InterruptedException {
        try (RawServer server = RawServer.start("interrupt", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            Caller caller = Caller.start(() -> Burst.of(20).baseUrl(server.baseUrl())
                    .prepare(i -> RequestSpec.get("/silent/" + i)).timeout(REQUEST_TIMEOUT).fire());
            await("all 20 requests at the server").atMost(REQUEST_TIMEOUT).until(() -> server.requests() == 20);

            Duration took = caller.interruptAndJoin();
            System.out.println("interrupt in flight | fire() ended " + took.toMillis() + " ms after the interrupt: " + caller.thrown.get());

            assertThat(caller.thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
            assertThat(caller.interruptFlagAfter.get()).as("interrupt flag set again").isTrue();
            assertThat(took).as("ended by the interrupt, before any timeout").isLessThan(REQUEST_TIMEOUT);
            assertNothingLeftBehind(server, before);
        }
    }

    @Test
    void interruptingTheCallerCancelsTheBurstWhilePreparing() throws InterruptedException {
        try (RawServer server = RawServer.start("interrupt-prepare", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            CountDownLatch preparing = new CountDownLatch(1);
            AtomicBoolean preparationInterrupted = new AtomicBoolean();
            Caller caller = Caller.start(() -> Burst.of(10).baseUrl(server.baseUrl()).prepare(i -> {
                if (i == 3) {
                    preparing.countDown();
                    blockInterruptibly(preparationInterrupted);
                }
                return RequestSpec.get("/prepared/" + i);
            }).fire());
            assertThat(preparing.await(10, TimeUnit.SECONDS)).as("preparation of request 3 started").isTrue();

            Duration took = caller.interruptAndJoin();
            System.out.println("interrupt while preparing | fire() ended " + took.toMillis() + " ms after the interrupt: " + caller.thrown.get());

            assertThat(caller.thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(caller.interruptFlagAfter.get()).as("interrupt flag set again").isTrue();
            assertThat(took).as("ended by the interrupt, before any timeout").isLessThan(REQUEST_TIMEOUT);
            await("the blocked preparation interrupted").atMost(CLEANED_UP_WITHIN).untilTrue(preparationInterrupted);
            assertThat(server.accepted()).as("connections opened: with a barrier nothing is sent before all are prepared").isZero();
            assertNothingLeftBehind(server, before);
        }
    }

    @Test
    void callerAlreadyInterruptedGetsCancellation() throws InterruptedException {
        try (RawServer server = RawServer.start("pre-interrupted", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            Caller caller = Caller.start(() -> {
                Thread.currentThread().interrupt();
                return Burst.of(5).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/silent/" + i))
                        .timeout(REQUEST_TIMEOUT).fire();
            });

            assertThat(caller.join()).as("fire() returned or threw").isTrue();
            System.out.println("already interrupted | fire() ended with " + caller.thrown.get());
            assertThat(caller.thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(caller.interruptFlagAfter.get()).as("interrupt flag still set").isTrue();
            assertNothingLeftBehind(server, before);
        }
    }

    @Test
    void blockedPreparationIsBoundedByPrepareTimeout() {
        try (RawServer server = RawServer.start("prepare-timeout", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            AtomicBoolean preparationInterrupted = new AtomicBoolean();
            long start = System.nanoTime();

            assertThatThrownBy(() -> Burst.of(10).baseUrl(server.baseUrl()).prepare(i -> {
                if (i == 3) {
                    blockInterruptibly(preparationInterrupted);
                }
                return RequestSpec.get("/prepared/" + i);
            }).prepareTimeout(Duration.ofMillis(500)).fire())
                    .isInstanceOf(PreparationException.class)
                    .hasMessageContaining("did not finish within 500 ms")
                    .hasMessageContaining("1 still pending")
                    .hasMessageContaining("salvo.prepare-timeout-millis")
                    .satisfies(e -> System.out.println("prepare timeout (Burst) | " + e.getMessage()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isLessThan(BurstChecks.generousBound(Duration.ofMillis(500)));
            await("the blocked preparation interrupted").atMost(CLEANED_UP_WITHIN).untilTrue(preparationInterrupted);
            assertThat(server.accepted()).as("connections opened").isZero();
            assertNothingLeftBehind(server, before);
        }
    }

    @Test
    void blockedPreparationIsBoundedByTheConfigurationParameter() {
        try (RawServer server = RawServer.start("prepare-timeout-parameter", RawServer.silent())) {
            ProcessResources before = ProcessResources.now();
            long start = System.nanoTime();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("salvo.base-url", server.baseUrl())
                    .configurationParameter("salvo.prepare-timeout-millis", "500")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .selectors(selectClass(BlockingPreparationTestCases.class))
                    .execute();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            Throwable failure = failureOf(results);
            System.out.println("prepare timeout (annotation) | " + elapsed.toMillis() + " ms | " + failure);
            assertThat(failure).isInstanceOf(PreparationException.class)
                    .hasMessageContaining("BlockingPreparationTestCases.blockedPreparation")
                    .hasMessageContaining("did not finish within 500 ms")
                    .hasMessageContaining("no request was sent");
            assertThat(elapsed).isLessThan(BurstChecks.generousBound(Duration.ofMillis(500)));
            assertThat(server.accepted()).as("connections opened").isZero();
            assertNothingLeftBehind(server, before);
        }
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        Event failed = results.testEvents().failed().list().get(0);
        return failed.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** Sleeps far longer than any test here may take, noting an interrupt. */
    private static void blockInterruptibly(AtomicBoolean interrupted) {
        try {
            Thread.sleep(BlockingPreparationTestCases.BLOCK_MILLIS);
        } catch (InterruptedException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt();
        }
    }

    private static void assertNothingLeftBehind(RawServer server, ProcessResources before) {
        await("no Salvo thread and no open connection left").atMost(CLEANED_UP_WITHIN).untilAsserted(() -> {
            assertThat(ProcessResources.now().newSalvoThreadsSince(before)).as("salvo threads started by this test").isEmpty();
            assertThat(server.openConnections()).as("connections still open at the server").isZero();
        });
    }

    /** A thread that calls a burst and records how it ended. */
    private static final class Caller {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicBoolean interruptFlagAfter = new AtomicBoolean();
        private final Thread thread;

        private Caller(java.util.function.Supplier<?> burst) {
            thread = new Thread(() -> {
                try {
                    burst.get();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptFlagAfter.set(Thread.currentThread().isInterrupted());
            }, "burst-caller");
            thread.setDaemon(true);
        }

        static Caller start(java.util.function.Supplier<?> burst) {
            Caller caller = new Caller(burst);
            caller.thread.start();
            return caller;
        }

        /** @return how long the burst took to end after the interrupt */
        Duration interruptAndJoin() throws InterruptedException {
            long start = System.nanoTime();
            thread.interrupt();
            thread.join(REQUEST_TIMEOUT.toMillis());
            assertThat(thread.isAlive()).as("the calling thread still running %s after the interrupt", REQUEST_TIMEOUT).isFalse();
            return Duration.ofNanos(System.nanoTime() - start);
        }

        /** @return whether the thread ended within the request timeout */
        boolean join() throws InterruptedException {
            thread.join(REQUEST_TIMEOUT.toMillis());
            return !thread.isAlive();
        }
    }
}
