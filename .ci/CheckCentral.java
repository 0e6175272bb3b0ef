import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged Maven repository (a deploy to a file: URL) against what Maven Central requires of
 * salvo-parent and salvo-junit: name, description, url, licenses, developers and scm in the POM
 * (a module may inherit them from its parent, which must be staged too); the main, sources and
 * javadoc jars with checksums; and for salvo-junit, no bundled (relocated) artifact among its
 * dependencies, only the JUnit Jupiter API and, optional, AssertJ for its users, and no class
 * outside dev.salvo in its jar.
 *
 * <p>Usage: {@code java .ci/CheckCentral.java target/staging}. Exits with 1 and a list of problems.
 */
public class CheckCentral {

    static final String GROUP = "dev.salvo";
    static final Map<String, Boolean> USER_DEPENDENCIES = Map.of(
            "org.junit.jupiter:junit-jupiter-api", false, // ga -> optional
            "org.assertj:assertj-core", true);

    final Path staging;
    final List<String> problems = new ArrayList<>();

    CheckCentral(Path staging) {
        this.staging = staging;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java .ci/CheckCentral.java <staged repository directory>");
            System.exit(2);
        }
        CheckCentral check = new CheckCentral(Path.of(args[0]));
        check.run();
        if (!check.problems.isEmpty()) {
            System.err.println("Not ready for Maven Central (" + check.problems.size() + " problem(s)):");
            check.problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("Ready for Maven Central: salvo-parent and salvo-junit in " + check.staging);
    }

    void run() throws Exception {
        Element parent = pom("salvo-parent");
        Element junit = pom("salvo-junit");
        if (parent == null || junit == null) {
            return;
        }
        for (Element pom : List.of(parent, junit)) {
            String name = text(pom, "artifactId");
            Function<String, Optional<Element>> find = path -> first(pom, path).or(() -> pom == parent
                    ? Optional.empty() : first(parent, path));
            for (String required : List.of("name", "description", "url", "scm/url", "scm/connection",
                    "licenses/license/name", "licenses/license/url", "developers/developer/name")) {
                if (find.apply(required).map(e -> e.getTextContent().isBlank()).orElse(true)) {
                    problems.add(name + ": the POM (or its parent's) has no <" + required + ">");
                }
            }
            if (find.apply("url").map(e -> e.getTextContent().contains("${")).orElse(false)) {
                problems.add(name + ": <url> holds an unresolved property");
            }
        }
        checkJars("salvo-junit");
        checkDependencies(junit);
    }

    void checkJars(String artifactId) throws IOException {
        Path dir = versionDir(artifactId);
        Path main = newest(dir, artifactId, ".jar", f -> !f.endsWith("-sources.jar") && !f.endsWith("-javadoc.jar"));
        Path sources = newest(dir, artifactId, "-sources.jar", f -> true);
        Path javadoc = newest(dir, artifactId, "-javadoc.jar", f -> true);
        if (main == null || sources == null || javadoc == null) {
            problems.add(artifactId + ": missing jar(s) in " + dir + ": main " + main + ", sources " + sources
                    + ", javadoc " + javadoc);
            return;
        }
        for (Path jar : List.of(main, sources, javadoc)) {
            for (String checksum : List.of(".sha1", ".md5")) {
                if (!Files.isRegularFile(Path.of(jar + checksum))) {
                    problems.add(artifactId + ": no " + checksum + " checksum beside " + jar.getFileName());
                }
            }
        }
        requireEntries(sources, "dev/salvo/ConcurrentRequests.java", "dev/salvo/assertj/SalvoAssertions.java");
        requireEntries(javadoc, "index.html", "dev/salvo/ConcurrentRequests.html", "dev/salvo/assertj/ResponsesAssert.html");
        try (ZipFile zip = new ZipFile(javadoc.toFile())) {
            if (zip.stream().anyMatch(e -> e.getName().startsWith("dev/salvo/internal/"))) {
                problems.add(javadoc.getFileName() + " documents dev.salvo.internal, which is not API");
            }
        }
        requireEntries(main, "META-INF/LICENSE", "META-INF/NOTICE", "dev/salvo/ConcurrentRequests.class",
                "dev/salvo/internal/shaded/jetty/client/HttpClient.class");
        try (ZipFile zip = new ZipFile(main.toFile())) {
            List<String> foreign = zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("dev/salvo/"))
                    .limit(5).collect(Collectors.toList());
            if (!foreign.isEmpty()) {
                problems.add(main.getFileName() + " holds classes outside dev.salvo (not relocated): " + foreign);
            }
        }
    }

    void checkDependencies(Element junit) throws Exception {
        Set<String> bundled = new TreeSet<>();
        Path main = newest(versionDir("salvo-junit"), "salvo-junit", ".jar",
                f -> !f.endsWith("-sources.jar") && !f.endsWith("-javadoc.jar"));
        if (main != null) {
            try (ZipFile zip = new ZipFile(main.toFile())) {
                zip.stream().map(ZipEntry::getName)
                        .filter(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties"))
                        .map(n -> n.split("/"))
                        .filter(p -> p.length == 5 && !p[2].equals(GROUP))
                        .forEach(p -> bundled.add(p[2] + ":" + p[3]));
            }
            if (bundled.stream().noneMatch(ga -> ga.equals("org.eclipse.jetty:jetty-client"))) {
                problems.add("salvo-junit: the jar does not bundle jetty-client (bundled: " + bundled + ")");
            }
        }
        Set<String> seen = new TreeSet<>();
        for (Element dependency : children(first(junit, "dependencies").orElse(null), "dependency")) {
            String ga = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            String scope = Optional.ofNullable(text(dependency, "scope")).orElse("compile");
            boolean optional = "true".equals(text(dependency, "optional"));
            if (bundled.contains(ga)) {
                problems.add("salvo-junit: the POM lists " + ga + " (" + scope + "), which the jar bundles relocated");
            }
            if (scope.equals("test")) {
                continue;
            }
            seen.add(ga);
            Boolean expectedOptional = USER_DEPENDENCIES.get(ga);
            if (expectedOptional == null) {
                problems.add("salvo-junit: users would receive " + ga + " (" + scope + (optional ? ", optional" : "")
                        + "); only " + USER_DEPENDENCIES.keySet() + " are expected");
            } else if (expectedOptional != optional) {
                problems.add("salvo-junit: " + ga + " should " + (expectedOptional ? "" : "not ") + "be optional");
            }
        }
        if (!seen.equals(USER_DEPENDENCIES.keySet())) {
            problems.add("salvo-junit: expected the dependencies " + USER_DEPENDENCIES.keySet() + ", found " + seen);
        }
    }

    void requireEntries(Path jar, String... names) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : names) {
                if (zip.getEntry(name) == null) {
                    problems.add(jar.getFileName() + " has no " + name);
                }
            }
        }
    }

    Element pom(String artifactId) throws Exception {
        Path dir = versionDir(artifactId);
        Path pom = dir == null ? null : newest(dir, artifactId, ".pom", f -> true);
        if (pom == null) {
            problems.add(artifactId + ": no POM staged under " + staging.resolve(GROUP.replace('.', '/')));
            return null;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    Path versionDir(String artifactId) throws IOException {
        Path artifact = staging.resolve(GROUP.replace('.', '/')).resolve(artifactId);
        if (!Files.isDirectory(artifact)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(artifact)) {
            return versions.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    /** The newest file named artifactId-*suffix (a SNAPSHOT deploy stamps each upload with a time). */
    static Path newest(Path dir, String artifactId, String suffix, java.util.function.Predicate<String> accept)
            throws IOException {
        if (dir == null) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith(artifactId + "-") && n.endsWith(suffix) && accept.test(n);
                    })
                    .max(Path::compareTo).orElse(null);
        }
    }

    static Optional<Element> first(Element root, String path) {
        Element current = root;
        for (String step : path.split("/")) {
            List<Element> next = children(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get(0);
        }
        return Optional.of(current);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        return first(parent, name).map(e -> e.getTextContent().trim()).orElse(null);
    }
}
