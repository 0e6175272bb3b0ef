package dev.salvo.reliability;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this JVM holds right now: live threads and open file descriptors. These are process-wide,
 * so tests that compare them must run {@code @Isolated}.
 *
 * @param threads live threads, except those of the test's own servers and of Awaitility
 * @param fileDescriptors open file descriptors of the process
 * @param salvoThreads names of live threads named {@code salvo-*}
 */
record ProcessResources(int threads, long fileDescriptors, Set<Thread> salvoThreads) {

    /** Threads owned by the tests themselves, not by Salvo: servers, and Awaitility's poller. */
    private static final List<String> TEST_OWNED = List.of("test-server", "raw-", "awaitility", "qtp", "Scheduler-");

    static ProcessResources now() {
        Set<Thread> live = Thread.getAllStackTraces().keySet();
        int threads = (int) live.stream().filter(t -> TEST_OWNED.stream().noneMatch(t.getName()::startsWith)).count();
        Set<Thread> salvo = live.stream().filter(t -> t.getName().startsWith("salvo-")).collect(Collectors.toSet());
        return new ProcessResources(threads, openFileDescriptors(), salvo);
    }

    /** @return salvo-* threads alive now that were not alive at {@code before} */
    Set<String> newSalvoThreadsSince(ProcessResources before) {
        return salvoThreads.stream().filter(t -> !before.salvoThreads.contains(t)).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static long openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        throw new IllegalStateException("open file descriptors can only be counted on a Unix-like system");
    }

    @Override
    public String toString() {
        return threads + " threads, " + fileDescriptors + " open file descriptors, salvo threads "
                + salvoThreads.stream().map(Thread::getName).sorted().toList();
    }
}
