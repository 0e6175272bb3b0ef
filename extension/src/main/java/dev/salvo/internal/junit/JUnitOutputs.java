package dev.salvo.internal.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * JUnit's output directory and published files (JUnit 5.12 and newer), used where the running
 * JUnit offers them. The test framework decides where they land: under Maven by default
 * {@code target/junit-jupiter/...}, under Gradle {@code build/junit-jupiter/...}, or
 * {@code junit.platform.reporting.output.dir}. The engine test kit turns them off unless it is
 * given an output directory. Not API.
 */
final class JUnitOutputs {

    private JUnitOutputs() {}

    /**
     * Publishes a directory for the whole engine run, as the test framework places it.
     *
     * @param root the engine's extension context
     * @param name the directory's name
     * @return the directory, or empty when this JUnit offers no output directory or has it turned off
     */
    static Optional<Path> runDirectory(ExtensionContext root, String name) {
        AtomicReference<Path> created = new AtomicReference<>();
        try {
            root.publishDirectory(name, created::set);
        } catch (LinkageError beforeJUnit512) {
            return Optional.empty();
        } catch (RuntimeException noOutputDirectory) {
            return Optional.empty(); // the engine test kit's default, for one
        }
        return Optional.ofNullable(created.get());
    }

    /**
     * Where JUnit puts the engine's output directory when nothing configures it: {@code target}
     * beside a {@code pom.xml}, {@code build} beside Gradle build files, else the working
     * directory; then the engine's own directory. For runs that have none (the engine test kit,
     * JUnit before 5.12), so that their reports join those of the run around them.
     *
     * @param name the directory's name inside the engine's directory
     */
    static Path defaultRunDirectory(String name) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path root;
        if (Files.exists(workingDirectory.resolve("pom.xml"))) {
            root = workingDirectory.resolve("target");
        } else if (Files.exists(workingDirectory.resolve("build.gradle"))
                || Files.exists(workingDirectory.resolve("build.gradle.kts"))
                || Files.exists(workingDirectory.resolve("settings.gradle"))
                || Files.exists(workingDirectory.resolve("settings.gradle.kts"))) {
            root = workingDirectory.resolve("build");
        } else {
            root = workingDirectory;
        }
        return root.resolve("junit-jupiter").resolve(name);
    }

    /**
     * Publishes a file attached to the test, so that IDEs and build reports show it.
     *
     * @param context the test's context
     * @param name the file's name
     * @param mediaType e.g. {@code text/html; charset=UTF-8}
     * @param write writes the file's content to the path it is given; nothing is published when
     *     this JUnit cannot publish files (before 5.12) or has no output directory
     */
    static void publishFile(ExtensionContext context, String name, String mediaType, ThrowingConsumer<Path> write) {
        try {
            try {
                Current.publish(context, name, mediaType, write);
            } catch (NoClassDefFoundError before514) {
                Legacy.publish(context, name, mediaType, write);
            }
        } catch (LinkageError beforeJUnit512) {
            // this JUnit cannot publish files
        } catch (RuntimeException notPublished) {
            // no output directory (the engine test kit's default), or the file could not be written
        }
    }

    /** JUnit 5.14 and newer: {@code org.junit.jupiter.api.MediaType}. */
    private static final class Current {
        static void publish(ExtensionContext context, String name, String mediaType, ThrowingConsumer<Path> write) {
            context.publishFile(name, org.junit.jupiter.api.MediaType.parse(mediaType), write);
        }
    }

    /** JUnit 5.12 and 5.13: the media type of the extension package, deprecated since. */
    private static final class Legacy {
        @SuppressWarnings("deprecation")
        static void publish(ExtensionContext context, String name, String mediaType, ThrowingConsumer<Path> write) {
            context.publishFile(name, org.junit.jupiter.api.extension.MediaType.parse(mediaType), write);
        }
    }
}
