package dev.salvo.internal.junit;

import dev.salvo.internal.report.ReportSettings;
import dev.salvo.internal.report.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where an engine run's reports go, and the writer of that directory. Kept in the root store;
 * closing it at the end of the run writes what is pending. Not API.
 *
 * <p>One writer serves a directory for the whole JVM, so that its {@code index.html} lists
 * every burst written there: those of the run and those of engine runs started inside it (the
 * engine test kit), which join the directory of the run around them unless
 * {@code salvo.reports.dir} sends them elsewhere.
 */
final class RunReports implements AutoCloseable {

    private static final Map<Path, ReportWriter> WRITERS = new ConcurrentHashMap<>();
    /** The directories of the runs now going on that did not choose one, outermost first. */
    private static final Deque<Path> OPEN_RUNS = new ArrayDeque<>();

    private final Path directory;
    private final ReportWriter writer;
    private final boolean chosen;

    private RunReports(Path directory, boolean chosen) {
        this.directory = directory.toAbsolutePath().normalize();
        this.writer = WRITERS.computeIfAbsent(this.directory, ReportWriter::new);
        this.chosen = chosen;
        if (!chosen) {
            synchronized (OPEN_RUNS) {
                OPEN_RUNS.addLast(this.directory);
            }
        }
    }

    /** @return the engine run's reports, deciding their directory at the first call */
    static RunReports of(ExtensionContext context, ReportSettings settings) {
        return RootStore.get(context, RunReports.class, () -> settings.directory()
                .map(configured -> new RunReports(configured, true))
                .orElseGet(() -> new RunReports(directory(context.getRoot()), false)));
    }

    /**
     * JUnit's output directory for the run; else that of a run going on around this one; else
     * where JUnit would put it.
     */
    private static Path directory(ExtensionContext root) {
        Optional<Path> fromJUnit = JUnitOutputs.runDirectory(root, ReportSettings.DIRECTORY_NAME);
        if (fromJUnit.isPresent()) {
            return fromJUnit.get();
        }
        synchronized (OPEN_RUNS) {
            Path outer = OPEN_RUNS.peekFirst();
            if (outer != null) {
                return outer;
            }
        }
        return JUnitOutputs.defaultRunDirectory(ReportSettings.DIRECTORY_NAME);
    }

    ReportWriter writer() {
        return writer;
    }

    /** Writes every page with changes not written yet; the directory's writer stays for later runs. */
    @Override
    public void close() {
        if (!chosen) {
            synchronized (OPEN_RUNS) {
                OPEN_RUNS.removeLastOccurrence(directory);
            }
        }
        writer.flush();
    }

    @Override
    public String toString() {
        return "RunReports[" + directory + "]";
    }
}
