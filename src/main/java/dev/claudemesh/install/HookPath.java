package dev.claudemesh.install;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which way claude's hooks and status line reach the daemon on this machine: {@link Kind#THIN} (the sh + curl
 * launcher, no JVM per prompt) or {@link Kind#JVM} (the JVM launcher, the fallback), and why.
 */
public record HookPath(Kind kind, String curl, String why) {
    public enum Kind {
        THIN,
        JVM
    }

    public HookPath {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(why, "why");
        if (kind == Kind.THIN && curl == null) {
            throw new IllegalArgumentException("the thin path needs curl");
        }
    }

    public static HookPath jvm(String why) {
        return new HookPath(Kind.JVM, null, why);
    }

    /** The launcher Claude Code's entries run for this path. */
    public Path launcher(InstallPaths paths) {
        return kind == Kind.THIN ? thinLauncher(paths) : paths.launcher();
    }

    /** Where the thin launcher lives: {@code thin/claudemesh} in claudemesh's home (its file name marks it ours). */
    public static Path thinLauncher(InstallPaths paths) {
        return paths.meshHome().resolve("thin").resolve("claudemesh");
    }

    /**
     * How an entry running {@code launcher} reaches the daemon, for doctor: {@code verb} is {@code hook <event>},
     * {@code statusline} or {@code mcp}.
     */
    public static String describe(InstallPaths paths, String launcher, String verb) {
        if (!Path.of(launcher).equals(thinLauncher(paths))) {
            return "JVM";
        }
        return ThinLauncherScript.handles(verb) ? "sh + curl" : "JVM (through the thin launcher)";
    }
}
