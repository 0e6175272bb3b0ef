package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The report package knows nothing of JUnit: the glue that feeds it lives in dev.salvo.internal.junit. */
class ReportPackageTest {

    @Test
    void noClassOfTheReportPackageRefersToJUnit() throws IOException, URISyntaxException {
        Path classes = Path.of(ReportWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/salvo/internal/report");
        List<Path> files;
        try (Stream<Path> listed = Files.list(classes)) {
            files = listed.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertThat(files).as("compiled classes of the report package").hasSizeGreaterThan(10);
        for (Path file : files) {
            // class names in the constant pool are written with slashes, in modified UTF-8
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(constants).as("references in %s", file.getFileName()).doesNotContain("org/junit/");
        }
    }
}
