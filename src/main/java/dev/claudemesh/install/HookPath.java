package dev.claudemesh.install;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which way claude's hooks and status line reach the daemon on this machine: {@link Kind#THIN} (the sh launcher:
 * bash over /dev/tcp or curl, no JVM per prompt; the prompt hook behind the {@link QuietPrompt}) or {@link Kind#JVM}
 * (the JVM launcher, the fallback), and why.
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

    /** The entries install writes for this path: the thin launcher's with the quiet prompt, or the JVM launcher's. */
    public MeshEntries entries(InstallPaths paths) {
        return kind == Kind.THIN ? MeshEntries.thin(paths) : new MeshEntries(paths.launcher());
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
        return describe(paths, launcher, verb, false);
    }

    /**
     * As {@link #describe(InstallPaths, String, String)}, for an entry that is a {@link QuietPrompt} when {@code
     * quiet}: its sh answers by itself while the daemon has nothing for the prompt, else runs the launcher.
     */
    public static String describe(InstallPaths paths, String launcher, String verb, boolean quiet) {
        String path = launcherPath(paths, launcher, verb);
        return quiet ? "sh, no request while the daemon has nothing for it (else " + path + ")" : path;
    }

    private static String launcherPath(InstallPaths paths, String launcher, String verb) {
        if (!Path.of(launcher).equals(thinLauncher(paths))) {
            return "JVM";
        }
        if (!ThinLauncherScript.handles(verb)) {
            return "JVM (through the thin launcher)";
        }
        boolean hookCall = !verb.equals("mcp") && !verb.equals("hook StopWaiter");
        return hookCall && bash5() ? "sh + bash /dev/tcp" : "sh + curl";
    }

    /** Whether {@code /bin/bash} is bash 5 or newer: the hook calls and the status line then use it, not curl. */
    static boolean bash5() {
        try {
            Process p = new ProcessBuilder("/bin/bash", "-p", "-c", "echo ${BASH_VERSINFO[0]}")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out =
                    new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return out.matches("\\d{1,3}") && Integer.parseInt(out) >= 5;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
