package com.wxqr.mp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything a clone needs to read is in the clone: no text file of the repository refers to a file
 * outside it, every relative Markdown link resolves to a file of the repository, and every cited
 * section of a document ({@code docs/PROTOCOL.md#message-encryption} in a comment, {@code [x](PROTOCOL.md#pushes)}
 * in a README) is a heading of that document. Lives in {@code mp}, the first and cheapest module of
 * the build, but checks the whole repository: the files git tracks (or would track), or, without
 * git, the tree minus build output.
 */
class RepositoryLinksTest {

    /** Written in two pieces so that this file does not trip its own check. */
    private static final List<String> OUTSIDE = List.of(".." + "/shared", "spec " + "\u00a7", "wechat-" + "spec.md");

    private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** A document of the repository cited by its path from the root, with an optional section. */
    private static final Pattern CITED_DOCUMENT = Pattern.compile("(?<![\\w./-])(docs/[\\w./-]+\\.md)(#[\\w-]+)?");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", "data");
    private static final long MAX_TEXT_BYTES = 2_000_000;

    private static Path root;
    private static Map<Path, String> texts;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @BeforeAll
    static void readTheRepository() throws IOException {
        root = repositoryRoot();
        texts = new HashMap<>();
        for (Path file : files()) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_TEXT_BYTES) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(path);
            if (isText(bytes)) {
                texts.put(root.relativize(path), new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readsTheRepositoryItself() {
        assertThat(texts)
                .containsKeys(Path.of("README.md"), Path.of("docs/PROTOCOL.md"), Path.of("docs/ARCHITECTURE.md"));
    }

    @Test
    void nothingRefersToFilesOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        texts.forEach((file, text) -> forEachLine(text, (number, line) -> {
            for (String outside : OUTSIDE) {
                if (line.contains(outside)) {
                    found.add(file + ":" + number + ": \"" + outside
                            + "\" (cite docs/PROTOCOL.md or docs/ARCHITECTURE.md)");
                }
            }
        }));
        assertThat(found).as("references to files outside the repository").isEmpty();
    }

    @Test
    void relativeMarkdownLinksResolveInsideTheRepository() {
        List<String> broken = new ArrayList<>();
        texts.forEach((file, text) -> {
            if (!isMarkdown(file)) {
                return;
            }
            forEachProseLine(text, (number, line) -> {
                Matcher link = MARKDOWN_LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.startsWith("<")) {
                        target = target.substring(1, target.length() - 1);
                    }
                    if (isExternal(target)) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String pathPart = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    Path directory = file.getParent() == null ? Path.of("") : file.getParent();
                    Path resolved = pathPart.isEmpty()
                            ? file
                            : directory.resolve(pathPart).normalize();
                    String problem = problem(resolved, anchor);
                    if (problem != null) {
                        broken.add(file + ":" + number + ": " + target + " — " + problem);
                    }
                }
            });
        });
        assertThat(broken)
                .as("Markdown links that do not resolve inside the repository")
                .isEmpty();
    }

    @Test
    void citedSectionsOfTheDocsExist() {
        List<String> broken = new ArrayList<>();
        texts.forEach((file, text) -> forEachLine(text, (number, line) -> {
            Matcher cited = CITED_DOCUMENT.matcher(line);
            while (cited.find()) {
                String anchor = cited.group(2) == null ? null : cited.group(2).substring(1);
                String problem = problem(Path.of(cited.group(1)).normalize(), anchor);
                if (problem != null) {
                    broken.add(file + ":" + number + ": " + cited.group() + " — " + problem);
                }
            }
        }));
        assertThat(broken)
                .as("citations of documents or sections that do not exist")
                .isEmpty();
    }

    @Test
    void headingsBecomeAnchorsAsOnGitHub() {
        assertThat(anchorsOf("""
                        # The WeChat facts wxqr relies on
                        ## Message encryption
                        ```
                        # not a heading
                        ```
                        ## Access tokens
                        ### Customer-service windows (48 h)
                        ## Access tokens
                        """))
                .containsExactlyInAnyOrder(
                        "the-wechat-facts-wxqr-relies-on",
                        "message-encryption",
                        "access-tokens",
                        "customer-service-windows-48-h",
                        "access-tokens-1");
    }

    /** Why {@code target} (a repository path) with {@code anchor} does not resolve, or null when it does. */
    private String problem(Path target, String anchor) {
        if (target.startsWith("..")) {
            return "points outside the repository";
        }
        if (!Files.exists(root.resolve(target))) {
            return "no such file in the repository";
        }
        if (anchor == null || anchor.isEmpty() || !isMarkdown(target)) {
            return null;
        }
        Set<String> known = anchors.computeIfAbsent(target, t -> anchorsOf(read(t)));
        return known.contains(anchor) ? null : "no heading with the anchor #" + anchor + " in " + target;
    }

    private static String read(Path file) {
        String text = texts.get(file);
        if (text != null) {
            return text;
        }
        try {
            return Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchorsOf(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        forEachProseLine(markdown, (number, line) -> {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                return;
            }
            String slug = heading.group(1)
                    .replaceAll("`", "")
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\p{Mn} _-]", "")
                    .replace(' ', '-');
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
        });
        return anchors;
    }

    private interface LineVisitor {
        void visit(int number, String line);
    }

    private static void forEachLine(String text, LineVisitor visitor) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            visitor.visit(i + 1, lines[i]);
        }
    }

    /** The lines outside fenced code blocks. */
    private static void forEachProseLine(String markdown, LineVisitor visitor) {
        boolean[] fenced = {false};
        forEachLine(markdown, (number, line) -> {
            if (line.stripLeading().startsWith("```")) {
                fenced[0] = !fenced[0];
            } else if (!fenced[0]) {
                visitor.visit(number, line);
            }
        });
    }

    private static boolean isExternal(String target) {
        return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//");
    }

    private static boolean isMarkdown(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The directory with the Maven wrapper's {@code .mvn} and the parent pom, above the module the test runs in. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with .mvn and pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    /** The files git tracks or would track (ignored ones left out), relative to the root; without git, the tree. */
    private static List<Path> files() throws IOException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty()) {
                        files.add(Path.of(name));
                    }
                }
                return files;
            }
        } catch (IOException noGit) {
            // not a git checkout, or no git: walk the tree below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> {
                        for (Path part : p) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }
}
