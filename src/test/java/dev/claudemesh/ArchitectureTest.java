package dev.claudemesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked over the sources of {@code src/main}: every import and every
 * fully-qualified name in code (comments do not count). A broken rule fails with the file and the reference. A
 * package a rule names that does not exist (yet) has no sources, so it breaks nothing.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/dev/claudemesh");
    static final Set<String> CORE = Set.of("session", "message", "mesh", "store", "transcript");
    static final Set<String> ADAPTERS =
            Set.of("api", "config", "daemon", "client", "hook", "mcp", "supervisor", "install", "cli", "gui");
    /** Packages of frameworks the core must not use (Javalin and its Jetty, picocli, pty4j, JLine, MCP, desktop). */
    static final List<String> FRAMEWORKS = List.of(
            "io.javalin.",
            "org.eclipse.jetty.",
            "picocli.",
            "com.pty4j.",
            "org.jline.",
            "io.modelcontextprotocol.",
            "javafx.",
            "org.freedesktop.dbus.",
            "com.techsenger.jeditermfx.",
            "com.dustinredmond.fxtrayicon.");

    private static final Pattern QUALIFIED =
            Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Za-z_][A-Za-z0-9_]*)(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** One source file: its top-level package under dev.claudemesh ("" for the root) and what it references. */
    record Source(Path file, String pkg, List<String> references, String code) {}

    @Test
    void core_packages_reference_no_adapter_and_no_framework() throws IOException {
        assertNoViolations(
                s -> CORE.contains(s.pkg()),
                ref -> ADAPTERS.contains(claudemeshPackage(ref))
                        || FRAMEWORKS.stream().anyMatch(ref::startsWith));
    }

    @Test
    void clients_never_reference_the_daemon() throws IOException {
        assertNoViolations(
                s -> Set.of("client", "mcp", "supervisor", "hook", "install").contains(s.pkg()),
                ref -> claudemeshPackage(ref).equals("daemon"));
    }

    @Test
    void cli_and_gui_reference_only_the_daemon_entry_class() throws IOException {
        assertNoViolations(
                s -> s.pkg().equals("cli") || s.pkg().equals("gui"),
                ref -> claudemeshPackage(ref).equals("daemon")
                        && !ref.startsWith("dev.claudemesh.daemon.Daemon.")
                        && !ref.equals("dev.claudemesh.daemon.Daemon"));
    }

    @Test
    void hook_path_uses_no_jackson_picocli_javalin_or_mcp() throws IOException {
        assertNoViolations(
                s -> s.pkg().equals("hook"),
                ref -> Stream.of("com.fasterxml.jackson.", "picocli.", "io.javalin.", "io.modelcontextprotocol.")
                        .anyMatch(ref::startsWith));
    }

    @Test
    void wire_package_references_no_adapter_and_no_framework_but_jackson() throws IOException {
        assertNoViolations(
                s -> s.pkg().equals("api"),
                ref -> (ADAPTERS.contains(claudemeshPackage(ref))
                                && !claudemeshPackage(ref).equals("api"))
                        || FRAMEWORKS.stream().anyMatch(ref::startsWith));
    }

    @Test
    void endpoint_paths_are_spelled_only_in_the_wire_package() throws IOException {
        List<String> found = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.pkg().equals("api") && s.code().contains("\"/v1/")) {
                found.add(MAIN.relativize(s.file()) + " spells an endpoint path; use dev.claudemesh.api.Endpoints");
            }
        }
        assertThat(found).as("endpoint path literals outside api").isEmpty();
    }

    @Test
    void architecture_page_names_every_package() throws IOException {
        String page = Files.readString(Path.of("ARCHITECTURE.md"));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(name -> !page.contains("`" + name + "`"))
                    .forEach(missing::add);
        }
        assertThat(missing)
                .as("packages ARCHITECTURE.md does not name (add a row to its table)")
                .isEmpty();
    }

    @Test
    void a_planted_reference_is_reported_with_its_file() {
        Source planted = parse(
                MAIN.resolve("client/Planted.java"),
                "package dev.claudemesh.client;\nimport dev.claudemesh.daemon.Body;\nimport dev.claudemesh.daemon.*;\n"
                        + "// dev.claudemesh.daemon.X\n"
                        + "class Planted { Object o = dev.claudemesh.daemon.DaemonApp.class; String s = \"daemon\"; }");
        assertThat(planted.references())
                .contains("dev.claudemesh.daemon.Body", "dev.claudemesh.daemon.DaemonApp")
                .doesNotContain("dev.claudemesh.daemon.X");
        assertThat(violations(
                        List.of(planted),
                        s -> true,
                        ref -> claudemeshPackage(ref).equals("daemon")))
                .containsExactly(
                        "client/Planted.java references dev.claudemesh.daemon",
                        "client/Planted.java references dev.claudemesh.daemon.Body",
                        "client/Planted.java references dev.claudemesh.daemon.DaemonApp");
    }

    private static void assertNoViolations(Predicate<Source> applies, Predicate<String> forbidden) throws IOException {
        assertThat(violations(sources(), applies, forbidden)).isEmpty();
    }

    static List<String> violations(List<Source> sources, Predicate<Source> applies, Predicate<String> forbidden) {
        Set<String> out = new TreeSet<>();
        for (Source s : sources) {
            if (applies.test(s)) {
                for (String ref : s.references()) {
                    if (forbidden.test(ref)) {
                        out.add(MAIN.relativize(s.file()) + " references " + ref);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                out.add(parse(f, Files.readString(f)));
            }
        }
        assertThat(out).as("sources under " + MAIN.toAbsolutePath()).isNotEmpty();
        return out;
    }

    static Source parse(Path file, String text) {
        Path rel = MAIN.relativize(file);
        String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        String code = withoutComments(text);
        String names = withoutStrings(code);
        List<String> refs = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(names);
        while (m.find()) {
            String ref = m.group(1);
            if (!ref.startsWith("dev.claudemesh." + pkg + ".") || pkg.isEmpty()) {
                refs.add(ref);
            }
        }
        return new Source(file, pkg, refs, code);
    }

    /** The top-level package under dev.claudemesh a reference points into, or "" for anything else. */
    static String claudemeshPackage(String ref) {
        if (!ref.startsWith("dev.claudemesh.")) {
            return "";
        }
        String rest = ref.substring("dev.claudemesh.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The code with comments blanked out (string and char literals kept, so a "//" inside one is no comment). */
    static String withoutComments(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                b.append(s, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(s, i, c);
                b.append(s, i, end);
                i = end;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                b.append(' ');
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Code without comments, string and char literals replaced by empty ones. */
    static String withoutStrings(String code) {
        StringBuilder b = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? code.length() : end + 3;
                b.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i = literalEnd(code, i, c);
                b.append(c).append(c);
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static int literalEnd(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), i + 1);
    }
}
