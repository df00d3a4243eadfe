package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.Version;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.install.Check;
import dev.claudemesh.install.InstallCheck;
import dev.claudemesh.install.InstallException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "doctor",
        description = "Check and explain the setup: java, daemon, Claude Code hooks, status line and MCP entry,"
                + " the claude binary and what its version supports. Exit 1 if something needs fixing.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    /** The Claude Code version whose asyncRewake wake-up of idle sessions claudemesh verified. */
    static final int[] REWAKE_VERIFIED = {2, 1, 332};

    private final CliContext ctx;
    private int problems;

    DoctorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        line(
                true,
                "claudemesh " + Version.current() + " on java " + Runtime.version()
                        + (Runtime.version().feature() >= 17 ? "" : " — java 17 or newer is required"));
        try {
            DaemonClient c = ctx.client();
            JsonNode h = c.health();
            line(
                    true,
                    "daemon " + h.path("version").asText() + " at 127.0.0.1:"
                            + c.state().port() + ", pid " + h.path("pid").asLong() + ", "
                            + h.path("sessions").asInt() + " live session(s)");
        } catch (DaemonUnavailableException e) {
            line(false, "daemon: " + e.getMessage());
        }
        try {
            for (Check c : InstallCheck.fromEnv(ctx.env()).run()) {
                line(c.ok(), c.name() + ": " + c.status().name().toLowerCase() + " — " + c.detail());
            }
        } catch (InstallException e) {
            line(false, "Claude Code config: " + e.getMessage());
        }
        claude();
        ctx.out()
                .println(
                        problems == 0
                                ? "All good."
                                : problems
                                        + " problem(s). `claudemesh install` fixes missing or stale Claude Code entries.");
        return problems == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private void claude() {
        Optional<String> bin = which(ctx.env().getOrDefault("CLAUDEMESH_CLAUDE_BIN", "claude"));
        if (bin.isEmpty()) {
            line(false, "claude: not found on PATH — install Claude Code or set CLAUDEMESH_CLAUDE_BIN");
            return;
        }
        String version = version(bin.get());
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            line(false, "claude at " + bin.get() + ": could not read its version (" + version + ")");
            return;
        }
        int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        boolean rewake = compare(v, REWAKE_VERIFIED) >= 0;
        line(true, "claude " + m.group() + " at " + bin.get());
        if (!rewake) {
            line(
                    false,
                    "claude " + m.group() + " is older than " + REWAKE_VERIFIED[0] + "." + REWAKE_VERIFIED[1] + "."
                            + REWAKE_VERIFIED[2] + ": waking an idle bare `claude` (asyncRewake) is not verified there;"
                            + " tasks still arrive at its next prompt, and `claudemesh` (the supervisor) wakes it at once");
        }
    }

    private void line(boolean ok, String text) {
        if (!ok) {
            problems++;
        }
        ctx.out().println((ok ? "  ok   " : "  FIX  ") + text);
    }

    private Optional<String> which(String name) {
        if (name.contains("/")) {
            return new File(name).canExecute() ? Optional.of(name) : Optional.empty();
        }
        for (String dir : ctx.env().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (!dir.isEmpty() && f.canExecute() && f.isFile()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String version(String bin) {
        try {
            Process p = new ProcessBuilder(bin, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
