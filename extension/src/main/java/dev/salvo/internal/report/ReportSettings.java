package dev.salvo.internal.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The report configuration parameters, parsed and checked. Not API.
 *
 * @param enabled {@value #ENABLED}, default {@code true}
 * @param directory {@value #DIR}, default {@value #DEFAULT_DIR}; a relative path is relative
 *     to the working directory (under Maven, the module's directory)
 */
public record ReportSettings(boolean enabled, Path directory) {

    public static final String ENABLED = "salvo.reports.enabled";
    public static final String DIR = "salvo.reports.dir";
    public static final String DEFAULT_DIR = "target/salvo-reports";

    /**
     * @param parameters a configuration parameter's value by key, e.g.
     *     {@code ExtensionContext::getConfigurationParameter}
     * @return the settings
     * @throws ExtensionConfigurationException naming the parameter, its value and what to use instead
     */
    public static ReportSettings from(Function<String, Optional<String>> parameters) {
        boolean enabled = parameters.apply(ENABLED).map(String::trim).filter(s -> !s.isEmpty())
                .map(ReportSettings::bool).orElse(true);
        Path directory = parameters.apply(DIR).map(String::trim).filter(s -> !s.isEmpty())
                .map(ReportSettings::path).orElse(Path.of(DEFAULT_DIR));
        return new ReportSettings(enabled, directory);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ExtensionConfigurationException("configuration parameter '" + ENABLED + "' = '" + text
                    + "' is not a boolean; use true or false");
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw new ExtensionConfigurationException("configuration parameter '" + DIR + "' = '" + text
                    + "' is not a usable path (" + invalid.getReason() + "); use a directory such as " + DEFAULT_DIR, invalid);
        }
    }
}
