package dev.salvo.internal.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs headless Chromium once per call against a local file, bounded by a timeout, and kills
 * it with every child process afterwards. Skips the calling test when Chromium is missing.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of(System.getProperty("salvo.chromium", "/usr/bin/chromium"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Chromium writes each console message, whatever its level, and each content security
     * policy violation to stderr as {@code [...:INFO:CONSOLE:12] "message", source: ...}
     * (older versions: {@code INFO:CONSOLE(12)}).
     */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]\\d*[)\\]]*\\s*(.*)");

    private final Path profiles;

    /** @param scratch a directory for the browser profiles, removed by the caller */
    HeadlessChromium(Path scratch) {
        assumeTrue(Files.isExecutable(BINARY), "Chromium not found at " + BINARY + "; install it with "
                + "'apt-get update && apt-get install -y chromium' (Debian), or point -Dsalvo.chromium at it");
        this.profiles = scratch;
    }

    /** What one run printed. */
    record Run(String stdout, String stderr) {

        /** @return every console message the page produced */
        List<String> consoleMessages() {
            List<String> messages = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                Matcher matcher = CONSOLE.matcher(line);
                if (matcher.find()) {
                    messages.add(matcher.group(1));
                }
            }
            return messages;
        }
    }

    /** @return the DOM after the page loaded (and its scripts ran), with the console output */
    Run dumpDom(Path page) throws IOException, InterruptedException {
        return run("--dump-dom", page.toUri().toString());
    }

    /** Saves a screenshot of the page's first 1400 × {@code height} pixels. */
    Run screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
        return run("--screenshot=" + png.toAbsolutePath(), "--window-size=1400," + height, page.toUri().toString());
    }

    private Run run(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(profiles, "profile");
        Path stdout = profiles.resolve(profile.getFileName() + ".out");
        Path stderr = profiles.resolve(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("Chromium did not finish within " + TIMEOUT.toSeconds() + " s: " + command
                        + "\nstderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            kill(process);
        }
    }

    /** Ends the browser and every process it started, waiting a bounded time for each. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // checked below
            }
        }
        List<Long> alive = family.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!alive.isEmpty()) {
            throw new AssertionError("Chromium processes still alive after 10 s: " + alive);
        }
    }
}
