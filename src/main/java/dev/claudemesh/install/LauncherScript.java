package dev.claudemesh.install;

import dev.claudemesh.config.JvmFlags;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code bin/claudemesh} shell script: pins {@code CLAUDEMESH_HOME} (unless set), the java found at
 * install time and the installed jar, with fast-start JVM flags for the hot paths (hook, statusline, mcp),
 * the lean long-running flags of the tray app ({@link JvmFlags#TRAY}) and the class-data-sharing archive when
 * it exists. claudemesh's own commands ({@code ownWords}: the CLI's subcommands and flags) get the CLI's archive;
 * everything else is claude under the supervisor (as {@code Main.claudeArgs} decides) and gets the supervisor's.
 */
public record LauncherScript(String java, Path jar, InstallPaths paths, Set<String> ownWords) {
    /** JVM flags of the short-lived hot paths: small heap work, quick JIT, no JVM chatter on stdout. */
    public static final List<String> FAST_FLAGS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-Xms8m", "-Xmx64m");
    /**
     * JVM flags of every command. JVM warnings go to stderr, never stdout; CDS warnings (an archive left
     * stale by a JDK update) are silenced because a hook's stderr can be handed to the model.
     */
    public static final List<String> COMMON_FLAGS =
            List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr");

    public LauncherScript {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(paths, "paths");
        // sorted: the same words render the same script
        ownWords = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(ownWords, "ownWords")));
        for (String word : ownWords) {
            if (!word.matches("-{0,2}[a-zA-Z][a-zA-Z0-9-]*")) {
                throw new IllegalArgumentException("not a command word: " + word);
            }
        }
    }

    /** The launcher of a copied jar, {@code paths.jar()} (a source build's install). */
    public LauncherScript(String java, InstallPaths paths) {
        this(java, paths.jar(), paths, Set.of());
    }

    /** Without the command words every other launch counts as the supervisor's. */
    public LauncherScript(String java, Path jar, InstallPaths paths) {
        this(java, jar, paths, Set.of());
    }

    public String render() {
        String fast = words(FAST_FLAGS);
        String common = words(COMMON_FLAGS);
        return "#!/bin/sh\n"
                + "# claudemesh launcher, written by `claudemesh install` (run it again to update this file;\n"
                + "# `claudemesh uninstall` removes it). Claude Code's hooks, status line and MCP entry run it.\n"
                + "if [ -z \"${CLAUDEMESH_HOME:-}\" ]; then\n"
                + "  CLAUDEMESH_HOME=" + ShellWords.quote(paths.meshHome().toString()) + "\n"
                + "fi\n"
                + "export CLAUDEMESH_HOME\n"
                + missingJava()
                + "jar=" + ShellWords.quote(jar.toString()) + "\n"
                + "jsa=" + ShellWords.quote(paths.cdsArchive().toString()) + "\n"
                + "case \"${1:-}\" in\n"
                + "  hook|statusline) set -- " + fast + " " + common + " -jar \"$jar\" \"$@\" ;;\n"
                + "  mcp) jsa=" + ShellWords.quote(paths.mcpCdsArchive().toString()) + "; set -- " + fast + " " + common
                + " -jar \"$jar\" \"$@\" ;;\n"
                + "  daemon) jsa=" + ShellWords.quote(paths.cliCdsArchive().toString()) + "; set -- "
                + words(JvmFlags.DAEMON) + " " + common + " -jar \"$jar\" \"$@\" ;;\n"
                + "  tray) jsa=; set -- " + words(JvmFlags.TRAY) + " " + common + " -jar \"$jar\" \"$@\" ;;\n"
                + "  *) jsa=" + ShellWords.quote(paths.supervisorCdsArchive().toString()) + "\n"
                + cliArchiveChoice()
                + "    set -- " + words(JvmFlags.CLIENT) + " " + common + " -jar \"$jar\" \"$@\" ;;\n"
                + "esac\n"
                + "if [ -f \"$jsa\" ]; then\n"
                + "  set -- \"-XX:SharedArchiveFile=$jsa\" \"$@\"\n"
                + "fi\n"
                + "exec " + ShellWords.quote(java) + " \"$@\"\n";
    }

    /**
     * Inside the {@code *)} branch: a claudemesh command (its first word, after a leading {@code --verbose}) takes
     * the CLI's archive; {@code run}, {@code --} and claude's arguments keep the supervisor's.
     */
    private String cliArchiveChoice() {
        if (ownWords.isEmpty()) {
            return "";
        }
        String cli = ShellWords.quote(paths.cliCdsArchive().toString());
        String words = ownWords.stream().collect(Collectors.joining("|"));
        return "    word=${1:-}\n"
                + "    if [ \"$word\" = --verbose ] && [ $# -gt 1 ]; then word=$2; fi\n"
                + "    case \"${1:-}\" in run|--) ;; *) case \"$word\" in " + words + ") jsa=" + cli
                + " ;; esac ;; esac\n";
    }

    /**
     * When the pinned java is gone (the package or the JDK was removed), one line on stderr; hooks and the status
     * line then do nothing rather than fail every prompt of claude.
     */
    private String missingJava() {
        if (!java.startsWith("/")) {
            return "";
        }
        String q = ShellWords.quote(java);
        return "if [ ! -x " + q + " ]; then\n"
                + "  echo \"claudemesh: \"" + q + "\" is missing (claudemesh or its Java was removed); reinstall it and"
                + " run 'claudemesh install', or run 'claudemesh uninstall' to take claudemesh out of Claude Code\" >&2\n"
                + "  case \"${1:-}\" in hook|statusline) exit 0 ;; esac\n"
                + "  exit 127\n"
                + "fi\n";
    }

    /** The jar a launcher script runs (its {@code jar=} line), if it is one of ours. */
    public static Optional<Path> jarOf(String script) {
        for (String line : script.split("\n")) {
            if (line.startsWith("jar=")) {
                List<String> words = ShellWords.split(line.substring(4));
                return words.size() == 1 ? Optional.of(Path.of(words.get(0))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String words(List<String> flags) {
        return flags.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /** The java this process runs on, or {@code java} (found on PATH at run time) when unknown. */
    public static String currentJava() {
        return AppBundle.currentJava();
    }
}
