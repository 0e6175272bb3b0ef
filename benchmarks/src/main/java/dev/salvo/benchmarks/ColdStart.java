package dev.salvo.benchmarks;

import dev.salvo.Responses;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The first burst of a fresh JVM. {@link #fire} starts a child JVM (the same {@code java}, the same
 * class path) whose {@link #main} fires one Salvo burst, with the default barrier, at the parent's
 * timestamping server and prints what the client saw; the parent's server, already warm, measures
 * the spread. So the row shows a cold client, not a cold server.
 */
final class ColdStart {

    private static final long CHILD_WAIT_SECONDS = 60;
    private static final String PREFIX = "cold-burst ";

    private ColdStart() {}

    /**
     * In the child JVM: {@code BASE_URL BURST COUNT}; prints one line
     * {@code cold-burst answered=N releaseNanos=R sendNanos=S}.
     */
    public static void main(String[] args) {
        URI baseUrl = URI.create(args[0]);
        Responses responses = SalvoContender.get("cold", b -> b).fire(baseUrl, args[1], Integer.parseInt(args[2]), 0);
        Contender.Outcome outcome = SalvoContender.outcome(responses);
        System.out.println(PREFIX + "answered=" + outcome.answered()
                + " releaseNanos=" + responses.releaseSpread().toNanos()
                + " sendNanos=" + responses.sendSpread().toNanos()
                + " stepNanos=" + outcome.releaseStep().map(Duration::toNanos).orElse(0L));
    }

    /**
     * Runs one child JVM to its end.
     *
     * @return what the child's client saw
     * @throws IllegalStateException if the child failed, printed nothing useful or ran out of time
     */
    static Contender.Outcome fire(URI baseUrl, String burst, int count) throws IOException, InterruptedException {
        Path output = Files.createTempFile("salvo-cold-burst", ".txt");
        try {
            Process child = new ProcessBuilder(javaExecutable(), "-cp", classPath(), ColdStart.class.getName(),
                    baseUrl.toString(), burst, Integer.toString(count))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!child.waitFor(CHILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("the cold-start JVM did not finish within " + CHILD_WAIT_SECONDS + " s");
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            String result = lines.stream().filter(l -> l.startsWith(PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the cold-start JVM exited with " + child.exitValue()
                            + " and printed no result:\n" + String.join("\n", lines)));
            return parse(result.substring(PREFIX.length()));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Contender.Outcome parse(String fields) {
        int answered = 0;
        long release = 0;
        long send = 0;
        long step = 0;
        for (String field : fields.trim().split(" ")) {
            String[] pair = field.split("=", 2);
            long value = Long.parseLong(pair[1]);
            switch (pair[0]) {
                case "answered" -> answered = (int) value;
                case "releaseNanos" -> release = value;
                case "sendNanos" -> send = value;
                case "stepNanos" -> step = value;
                default -> throw new IllegalStateException("unknown field from the cold-start JVM: " + field);
            }
        }
        return new Contender.Outcome(answered, Optional.of(Duration.ofNanos(release)), Optional.of(Duration.ofNanos(send)),
                Optional.of(Duration.ofNanos(step)));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The class path this class was loaded from: the URLs of its own class loader when that is a
     * {@link URLClassLoader} (as under {@code exec:java}), else {@code java.class.path}.
     */
    static String classPath() {
        if (ColdStart.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException notAFile) {
                    // not a local file; the child cannot use it anyway
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
