package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiet prompt command run as claude runs it ({@code /bin/sh -c}, dash here) in a home whose path has a space
 * and a single quote, with a fake thin launcher that records how it was run. Markers and records are where
 * {@code config.MeshHome} (the daemon's side) puts and looks for them.
 */
class QuietPromptShellTest {
    record Ran(long pid, int exit, String out, String err) {}

    static final String STDIN = "{\"session_id\":\"s-1\",\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"hi\"}";
    static final long CLAUDE = 4242;

    @TempDir
    Path tmp;

    Path home;
    Path launcher;
    Path launched;
    String command;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("it's my mesh");
        launcher = home.resolve("thin").resolve("claudemesh");
        launched = tmp.resolve("launched");
        Files.createDirectories(launcher.getParent());
        Files.writeString(
                launcher,
                "#!/bin/sh\n{ echo \"pid=$$\"; printf 'arg=%s\\n' \"$@\"; cat; } > "
                        + ShellWords.quote(launched.toString()) + "\n");
        launcher.toFile().setExecutable(true);
        Files.createDirectories(QuietPrompt.records(home));
        Files.createDirectories(QuietPrompt.marker(home, 0).getParent());
        command = MeshEntries.thin(new InstallPaths(tmp.resolve("settings.json"), tmp.resolve(".claude.json"), home))
                .hookCommand("UserPromptSubmit");
    }

    Ran run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("CLAUDE_CODE_SESSION_ID", "s-1");
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(STDIN.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException gone) {
            // the quiet path need not read claude's JSON
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the hook ended").isTrue();
        return new Ran(p.pid(), p.exitValue(), out, err);
    }

    static Map<String, String> claude(long pid) {
        Map<String, String> env = new HashMap<>();
        env.put("CLAUDE_PID", Long.toString(pid));
        return env;
    }

    void marker(long claudePid, long daemonPid) throws Exception {
        Files.createSymbolicLink(QuietPrompt.marker(home, claudePid), Path.of("/proc/" + daemonPid));
    }

    void assertLauncherRan(Ran r) throws Exception {
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(launched))
                .as("exec'd in the hook's own sh, with its arguments and claude's JSON")
                .isEqualTo("pid=" + r.pid() + "\narg=hook\narg=UserPromptSubmit\n" + STDIN);
        try (var records = Files.list(QuietPrompt.records(home))) {
            assertThat(records).isEmpty();
        }
    }

    @Test
    void the_generated_command_names_the_quoted_home_and_the_launcher() {
        assertThat(command)
                .isEqualTo(QuietPrompt.prefix(home) + ShellWords.quote(launcher.toString()) + " hook UserPromptSubmit")
                .contains("'" + tmp + "/it'\\''s my mesh'");
    }

    @Test
    void with_the_marker_it_writes_the_record_silently_and_runs_no_launcher() throws Exception {
        marker(CLAUDE, ProcessHandle.current().pid());

        Ran r = run(claude(CLAUDE));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(QuietPrompt.records(home).resolve(Long.toString(r.pid())))
                .hasContent(QuietPrompt.record(Long.toString(CLAUDE), "s-1"));
        assertThat(launched).doesNotExist();
    }

    @Test
    void without_a_marker_for_this_claude_it_execs_the_launcher() throws Exception {
        marker(CLAUDE + 1, ProcessHandle.current().pid());

        assertLauncherRan(run(claude(CLAUDE)));
    }

    @Test
    void a_marker_whose_daemon_is_gone_counts_as_none() throws Exception {
        Process gone = new ProcessBuilder("/bin/true").start();
        gone.waitFor();
        marker(CLAUDE, gone.pid());

        assertLauncherRan(run(claude(CLAUDE)));
    }

    @Test
    void without_claude_pid_it_execs_the_launcher() throws Exception {
        marker(CLAUDE, ProcessHandle.current().pid());

        assertLauncherRan(run(Map.of()));
    }

    @Test
    void with_the_records_folder_missing_it_execs_the_launcher_and_says_nothing() throws Exception {
        marker(CLAUDE, ProcessHandle.current().pid());
        Files.delete(QuietPrompt.records(home));

        Ran r = run(claude(CLAUDE));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(launched))
                .isEqualTo("pid=" + r.pid() + "\narg=hook\narg=UserPromptSubmit\n" + STDIN);
    }

    @Test
    void claudemesh_home_in_claudes_environment_wins_over_the_installed_home() throws Exception {
        Path other = tmp.resolve("other home");
        Files.createDirectories(QuietPrompt.records(other));
        Files.createDirectories(QuietPrompt.marker(other, 0).getParent());
        Files.createSymbolicLink(
                QuietPrompt.marker(other, CLAUDE),
                Path.of("/proc/" + ProcessHandle.current().pid()));
        Map<String, String> env = claude(CLAUDE);
        env.put("CLAUDEMESH_HOME", other.toString());

        Ran r = run(env);

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(QuietPrompt.records(other).resolve(Long.toString(r.pid())))
                .hasContent(QuietPrompt.record(Long.toString(CLAUDE), "s-1"));
        assertThat(launched).doesNotExist();
    }
}
