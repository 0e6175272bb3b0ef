package dev.salvo.internal.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report configuration parameters, parsed and checked. Not API.
 *
 * @param enabled {@value #ENABLED}, default {@code true}
 * @param directory {@value #DIR}, when set: where reports go instead of the test framework's
 *     output directory; a relative path is relative to the working directory
 */
public record ReportSettings(boolean enabled, Optional<Path> directory) {

    public static final String ENABLED = "salvo.reports.enabled";
    public static final String DIR = "salvo.reports.dir";
    /** The directory's name inside the test framework's output directory. */
    public static final String DIRECTORY_NAME = "salvo-reports";

    public ReportSettings {
        java.util.Objects.requireNonNull(directory, "directory");
    }

    /**
     * @param parameters a configuration parameter's value by key
     * @return the settings; blank values mean the default
     * @throws IllegalArgumentException naming the parameter, its value and what to use instead
     */
    public static ReportSettings from(Function<String, Optional<String>> parameters) {
        boolean enabled = parameters.apply(ENABLED).map(String::trim).filter(s -> !s.isEmpty())
                .map(ReportSettings::bool).orElse(true);
        Optional<Path> directory = parameters.apply(DIR).map(String::trim).filter(s -> !s.isEmpty())
                .map(ReportSettings::path);
        return new ReportSettings(enabled, directory);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("configuration parameter '" + ENABLED + "' = '" + text
                    + "' is not a boolean; use true or false");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw new IllegalArgumentException("configuration parameter '" + DIR + "' = '" + text
                    + "' is not a usable path (" + invalid.getReason() + "); use a directory such as target/"
                    + DIRECTORY_NAME, invalid);
        }
    }
}
