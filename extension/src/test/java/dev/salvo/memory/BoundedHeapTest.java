package dev.salvo.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A burst of 10 000 requests with 1 KiB bodies completes in a JVM limited to a 256 MiB heap.
 * It runs in a child JVM so that the limit is real; the server shares that heap, so the bound
 * holds for client and server together. In flight at once: 1 000, so that client and server
 * sockets together stay within the machine's file descriptor limit.
 */
class BoundedHeapTest {

    /** Generous: the wait ends as soon as the child does; on a loaded machine the burst takes minutes. */
    private static final Duration CHILD_ENDS_WITHIN = Duration.ofMinutes(10);

    @Test
    void tenThousandRequestsFitIn256MiB() throws IOException, InterruptedException {
        Path output = Files.createTempFile("salvo-heap-probe", ".txt");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    HeapProbe.class.getName(), "10000", "1000")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = child.waitFor(CHILD_ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(printed.lines().filter(l -> l.startsWith("heap-probe")).collect(java.util.stream.Collectors.joining("\n")));
            assertThat(finished).as("child JVM finished within %s", CHILD_ENDS_WITHIN).isTrue();
            assertThat(child.exitValue()).as(printed).isZero();
            assertThat(printed).contains("complete=10000 results=10000").contains("maxHeapMiB=256");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
