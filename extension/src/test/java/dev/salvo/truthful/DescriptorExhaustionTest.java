package dev.salvo.truthful;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Running out of file descriptors reads as that, with what to do, and not as "could not
 * connect". The burst runs in a child JVM whose limit ({@code ulimit -n}) is below the burst's
 * size, so that no other test of this JVM runs short. It runs alone: its 1 500 connections would
 * otherwise slow the timing checks of tests beside it.
 */
@Isolated
class DescriptorExhaustionTest {

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void runningOutOfDescriptorsSaysSoFirstWithWhatToDo() throws Exception {
        try (TestServer server = TestServer.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder("bash", "-c", "ulimit -n 1024 && exec \"$0\" -Xmx256m -cp \"$1\" "
                    + DescriptorExhaustion.class.getName() + " " + server.port() + " 1500",
                    java, System.getProperty("java.class.path"))
                    .redirectErrorStream(true).start();
            boolean ended = child.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ended).as(output).isTrue();
            List<String> lines = output.lines().toList();

            assertThat(lines).as(output).anySatisfy(line -> assertThat(line).startsWith("FAILURE java.net.SocketException:"
                    + " Too many open files: the process ran out of file descriptors").contains("ulimit -n", "maxInFlight"));
        }
    }
}
