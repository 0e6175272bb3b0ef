package dev.salvo.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the code in {@code README.md} and {@code docs/*.md} identical to the compiled sources it
 * was taken from.
 *
 * <p>In a source file, a region is marked with comment lines {@code // tag::NAME[]} and
 * {@code // end::NAME[]}. In Markdown, the line
 * {@code <!-- snippet: samples/src/test/java/.../CouponRaceTest.java#coupon-race -->}
 * (path from the repository root) must be followed by a fenced code block holding that region,
 * with its common indentation removed and any nested tag lines left out. One test per snippet
 * fails when the block and the region differ, and shows the block as it should read.
 *
 * <p>To rewrite every block from its source after changing a sample, run with
 * {@code -Dsalvo.docs.update-snippets=true}, then review the diff.
 */
class DocsSnippetsTest {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+?)#([\\w.-]+)\\s*-->");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w.-]+)\\[\\]\\s*$");
    private static final boolean UPDATE = Boolean.getBoolean("salvo.docs.update-snippets");

    private static final Path ROOT = repositoryRoot();

    @TestFactory
    Stream<DynamicTest> everySnippetMatchesItsSource() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            if (UPDATE) {
                rewrite(page);
            }
            for (Snippet snippet : snippets(page, Files.readAllLines(page, StandardCharsets.UTF_8))) {
                String expected = region(snippet.source(), snippet.tag());
                tests.add(DynamicTest.dynamicTest(snippet.where() + " <- " + snippet.source() + "#" + snippet.tag(), () ->
                        assertThat(snippet.block())
                                .as("%s: the code block after the snippet marker differs from region '%s' of %s;"
                                        + " replace the block with the region as shown (or run with"
                                        + " -Dsalvo.docs.update-snippets=true)", snippet.where(), snippet.tag(),
                                        snippet.source())
                                .isEqualTo(expected)));
            }
        }
        return tests.stream();
    }

    /** Replaces every snippet's block with its region, last first so that earlier line numbers stay valid. */
    private static void rewrite(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Snippet> found = snippets(page, lines);
        for (int i = found.size() - 1; i >= 0; i--) {
            Snippet snippet = found.get(i);
            lines = snippet.replaceBlock(lines, region(snippet.source(), snippet.tag()));
        }
        Files.write(page, lines, StandardCharsets.UTF_8);
    }

    @Test
    void docsShowCompiledCode() throws IOException {
        int snippets = 0;
        for (Path page : pages()) {
            snippets += snippets(page, Files.readAllLines(page, StandardCharsets.UTF_8)).size();
        }
        assertThat(snippets).as("snippet markers in README.md and docs/*.md").isGreaterThanOrEqualTo(5);
        assertThat(snippets(ROOT.resolve("README.md"), Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)))
                .as("the README's example comes from a compiled sample").isNotEmpty();
    }

    /** A snippet marker and the fenced block after it. */
    private record Snippet(Path page, int markerLine, String source, String tag, int openLine, int closeLine,
            String block) {

        String where() {
            return ROOT.relativize(page) + ":" + (markerLine + 1);
        }

        List<String> replaceBlock(List<String> lines, String code) {
            List<String> updated = new ArrayList<>(lines.subList(0, openLine + 1));
            updated.addAll(code.lines().toList());
            updated.addAll(lines.subList(closeLine, lines.size()));
            return updated;
        }
    }

    private static List<Snippet> snippets(Path page, List<String> lines) {
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.find()) {
                continue;
            }
            String where = ROOT.relativize(page) + ":" + (i + 1);
            int open = i + 1;
            while (open < lines.size() && lines.get(open).isBlank()) {
                open++;
            }
            if (open == lines.size() || !lines.get(open).startsWith("```")) {
                throw new AssertionError(where + ": a snippet marker must be followed by a fenced code block (```java)");
            }
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).startsWith("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new AssertionError(where + ": the code block after the snippet marker is never closed");
            }
            found.add(new Snippet(page, i, marker.group(1), marker.group(2), open, close,
                    String.join("\n", lines.subList(open + 1, close))));
        }
        return found;
    }

    /** The lines between {@code tag::NAME[]} and {@code end::NAME[]}, without nested tag lines, dedented. */
    static String region(String source, String tag) throws IOException {
        Path file = ROOT.resolve(source);
        assertThat(file).as("source file of snippet %s#%s", source, tag).isRegularFile();
        List<String> region = new ArrayList<>();
        boolean inside = false;
        boolean closed = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher tagLine = TAG_LINE.matcher(line);
            if (tagLine.matches()) {
                if (tagLine.group(2).equals(tag)) {
                    if (tagLine.group(1).equals("tag")) {
                        inside = true;
                    } else if (inside) {
                        closed = true;
                        break;
                    }
                }
                continue;
            }
            if (inside) {
                region.add(line);
            }
        }
        if (!closed) {
            throw new AssertionError(source + " has no region '" + tag + "': mark it with lines // tag::" + tag
                    + "[] and // end::" + tag + "[]");
        }
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", region.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }

    /** @return the README and every page under docs/ */
    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    files.filter(p -> p.toString().endsWith(".md")).sorted()).toList();
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a folder with docs/ and mvnw) above "
                + Path.of("").toAbsolutePath());
    }
}
