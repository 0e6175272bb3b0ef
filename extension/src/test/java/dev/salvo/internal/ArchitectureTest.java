package dev.salvo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Responses;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between packages run one way, read from the compiled classes (their constant
 * pools name every class they refer to): {@code junit} → {@code engine} → {@code wire} and
 * {@code client}; {@code report} and {@code text} know no engine type; the public value types
 * use {@code text} alone, which knows no Salvo type at all.
 */
class ArchitectureTest {

    /** For each internal package, the internal packages it may refer to. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "text", Set.of(),
            "plan", Set.of("text"),
            "wire", Set.of(),
            "client", Set.of("wire", "text"),
            "report", Set.of("plan", "text"),
            "gate", Set.of("text"),
            "engine", Set.of("plan", "wire", "client", "gate", "text"),
            "junit", Set.of("engine", "plan", "client", "report", "text"));

    /** Public types that carry data: they may use the text helpers and nothing else internal. */
    private static final Set<String> VALUE_TYPES = Set.of("RequestSpec", "RequestResult", "Responses",
            "PreparationException", "BodyTooLargeException", "Protocol", "Release", "RequestPreparer",
            "GateHold");

    private static final Pattern INTERNAL = Pattern.compile("dev/salvo/internal/(\\w+)/");
    private static final Pattern PUBLIC_TYPE = Pattern.compile("dev/salvo/([A-Z]\\w*)");

    private static Path classes;
    private static List<Path> files;

    @BeforeAll
    static void findClasses() throws IOException, URISyntaxException {
        classes = Path.of(Responses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> walked = Files.walk(classes.resolve("dev/salvo"))) {
            files = walked.filter(file -> file.toString().endsWith(".class")).sorted().toList();
        }
    }

    @Test
    void internalPackagesReferOnlyToTheirAllowedNeighbours() throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path file : files) {
            String pkg = internalPackage(file);
            if (pkg == null) {
                continue;
            }
            assertThat(ALLOWED).as("package %s has its arrows declared here", pkg).containsKey(pkg);
            for (String target : referred(file, INTERNAL)) {
                if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
                    found.computeIfAbsent(pkg + " -> " + target, k -> new TreeSet<>()).add(classes.relativize(file).toString());
                }
            }
        }
        assertThat(found).as("references against the arrows").isEmpty();
    }

    @Test
    void textKnowsNoSalvoType() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            if ("text".equals(internalPackage(file))) {
                referred(file, PUBLIC_TYPE).forEach(type -> found.add(file.getFileName() + " -> dev.salvo." + type));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void publicValueTypesUseNoInternalPackageButText() throws IOException {
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            String name = classes.relativize(file).toString();
            Matcher top = Pattern.compile("dev/salvo/([A-Z]\\w*)(\\$\\w+)*\\.class").matcher(name);
            if (top.matches() && VALUE_TYPES.contains(top.group(1))) {
                checked++;
                for (String target : referred(file, INTERNAL)) {
                    if (!target.equals("text")) {
                        found.add(name + " -> internal." + target);
                    }
                }
            }
        }
        assertThat(checked).as("value type classes found").isGreaterThanOrEqualTo(VALUE_TYPES.size());
        assertThat(found).isEmpty();
    }

    /** The write gate runs inside the application under test: it needs the JDK and nothing else (no Jetty, no JUnit). */
    @Test
    void theWriteGateNeedsOnlyTheJdk() throws IOException {
        Pattern foreign = Pattern.compile("L?((?:org|com|net|io|jakarta)/[\\w/$]+)");
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('\\', '/');
            if (name.startsWith("dev/salvo/internal/gate/") || name.startsWith("dev/salvo/jdbc/") || name.startsWith("dev/salvo/GateHold")) {
                checked++;
                referred(file, foreign).forEach(type -> found.add(name + " -> " + type));
            }
        }
        assertThat(checked).as("write gate classes found").isGreaterThanOrEqualTo(8);
        assertThat(found).isEmpty();
    }

    /** @return the internal package of a compiled class ("engine"), or {@code null} outside dev.salvo.internal */
    private static String internalPackage(Path file) {
        Matcher matcher = INTERNAL.matcher(classes.relativize(file).toString().replace('\\', '/'));
        return matcher.lookingAt() ? matcher.group(1) : null;
    }

    private static Set<String> referred(Path file, Pattern pattern) throws IOException {
        // class names in the constant pool are written with slashes, in modified UTF-8
        String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Set<String> targets = new TreeSet<>();
        Matcher matcher = pattern.matcher(constants);
        while (matcher.find()) {
            targets.add(matcher.group(1));
        }
        return targets;
    }
}
