package dev.salvo.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes report files whole: to a temporary file beside the target (with the default
 * permissions, so the report is as readable as any build output), then moved over it. Not API.
 */
final class ReportFiles {

    private ReportFiles() {}

    /**
     * Replaces the file's content, so that a reader sees the old content or the new, never half.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    static void write(Path file, String content) {
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException failed) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("Salvo could not write the report file " + file.toAbsolutePath()
                    + ": " + failed + "; set the configuration parameter '" + ReportSettings.DIR
                    + "' to a writable directory, or '" + ReportSettings.ENABLED + "' to false", failed);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write failed already; that failure is the one to report
            }
        }
    }
}
