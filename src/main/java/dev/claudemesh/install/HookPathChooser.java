package dev.claudemesh.install;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the hook path for this platform: the thin sh + curl launcher where it works (Linux with {@code /proc}, a
 * curl ≥ 7.84 on PATH for {@code -w %header{}}; {@code -H @file} needs 7.55), else the JVM launcher. {@code
 * --hooks thin} insists (and fails with the reason), {@code --hooks jvm} forces the fallback.
 */
public final class HookPathChooser {
    static final int[] MIN_CURL = {7, 84, 0};
    private static final Pattern CURL_VERSION = Pattern.compile("^curl (\\d+)\\.(\\d+)\\.(\\d+)");

    private HookPathChooser() {}

    public static HookPath choose(String mode, Map<String, String> env) throws InstallException {
        String m = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
        switch (m) {
            case "jvm":
                return HookPath.jvm("asked for with --hooks jvm");
            case "auto":
            case "thin":
                break;
            default:
                throw new InstallException("--hooks must be auto, thin or jvm, not '" + mode + "'.");
        }
        String problem = null;
        String curl = null;
        if (!System.getProperty("os.name", "").startsWith("Linux") || !Files.isDirectory(Path.of("/proc/self/fd"))) {
            problem = "this is not Linux with /proc";
        } else {
            curl = onPath("curl", env.get("PATH"));
            if (curl == null) {
                problem = "no curl on PATH";
            } else {
                String v = version(curl);
                if (v == null) {
                    problem = curl + " --version did not answer";
                } else if (!atLeast(v, MIN_CURL)) {
                    problem = curl + " is " + v + "; the thin hooks need curl 7.84 or newer";
                }
            }
        }
        if (problem == null) {
            return new HookPath(HookPath.Kind.THIN, curl, "sh + " + curl);
        }
        if (m.equals("thin")) {
            throw new InstallException("--hooks thin is not possible here: " + problem + ".");
        }
        return HookPath.jvm(problem);
    }

    static String onPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath().normalize().toString();
            }
        }
        return null;
    }

    /** {@code X.Y.Z} from {@code curl --version}'s first line, or null. */
    static String version(String curl) {
        try {
            Process p = new ProcessBuilder(curl, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String first = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher m = CURL_VERSION.matcher(first);
            return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
        } catch (Exception e) {
            return null;
        }
    }

    static boolean atLeast(String version, int[] min) {
        String[] parts = version.split("\\.");
        for (int i = 0; i < min.length; i++) {
            int have = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            if (have != min[i]) {
                return have > min[i];
            }
        }
        return true;
    }
}
