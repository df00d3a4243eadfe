package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.install.Check;
import dev.claudemesh.install.InstallCheck;
import dev.claudemesh.install.LauncherScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install with the real shaded jar and the CDS training run (failsafe, after packaging). */
class InstallCdsIT {
    @TempDir
    Path tmp;

    @Test
    void install_makes_a_startup_archive_that_the_jvm_accepts() throws Exception {
        Path jar = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"))
                .toAbsolutePath();
        assertThat(jar).isRegularFile();
        TestHome t = new TestHome(tmp);

        TestHome.Result r = t.run("install", "--jar", jar.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("startup archive made");
        Path jsa = t.meshHome().resolve("lib/claudemesh.jsa");
        assertThat(jsa).isRegularFile();
        assertThat(Files.size(jsa)).isPositive();
        // -Xshare:on makes the JVM refuse to start when the archive does not fit the jar and JVM
        List<String> strict =
                new ArrayList<>(List.of(LauncherScript.currentJava(), "-Xshare:on", "-XX:SharedArchiveFile=" + jsa));
        strict.addAll(LauncherScript.FAST_FLAGS);
        strict.addAll(List.of("-jar", t.meshHome().resolve("lib/claudemesh.jar").toString(), "hook", "Stop"));
        assertThat(run(strict, t).exitCode()).isZero();
        assertThat(run(List.of(t.launcher().toString(), "hook", "Stop"), t).exitCode())
                .isZero();
        assertThat(new InstallCheck(dev.claudemesh.install.InstallPaths.fromEnv(t.env)).run())
                .filteredOn(c -> c.name().equals("startup archive"))
                .extracting(Check::status)
                .containsExactly(Check.Status.PRESENT);
    }

    @Test
    void install_makes_a_supervisor_archive_that_holds_the_supervisors_classes() throws Exception {
        Path jar = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"))
                .toAbsolutePath();
        TestHome t = new TestHome(tmp);

        TestHome.Result r = t.run("install", "--jar", jar.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("no supervisor startup archive");
        Path jsa = t.meshHome().resolve("lib/claudemesh-supervisor.jsa");
        assertThat(jsa).isRegularFile();
        assertThat(TestHome.text(t.launcher())).contains("  *) jsa=" + jsa + "\n");
        // -Xshare:on: the JVM refuses to start when the archive does not fit; the class log says where each came from
        Path classLog = tmp.resolve("classes.log");
        List<String> strict = new ArrayList<>(List.of(
                LauncherScript.currentJava(),
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + jsa,
                "-Xlog:class+load=info:file=" + classLog));
        strict.addAll(dev.claudemesh.config.JvmFlags.CLIENT); // as the launcher runs it
        strict.addAll(List.of("-jar", t.meshHome().resolve("lib/claudemesh.jar").toString(), "run", "hello"));
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("CLAUDE"));
        env.put("HOME", t.home.toString());
        env.put("CLAUDEMESH_CLAUDE_BIN", "/bin/echo");
        env.put("CLAUDEMESH_CDS_TRAINING", "1"); // this check must not start a daemon either
        dev.claudemesh.supervisor.NativeLibraries.prepare(tmp.resolve("native"));
        dev.claudemesh.supervisor.PtySession session =
                dev.claudemesh.supervisor.PtySession.start(new dev.claudemesh.supervisor.PtyCommand(
                        strict, env, tmp, new dev.claudemesh.supervisor.WindowSize(80, 24)));
        StringBuilder screen = new StringBuilder();
        try {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = session.read(buffer, 0, buffer.length)) >= 0) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException hungUp) {
            // the run is over
        } finally {
            assertThat(session.waitFor(java.time.Duration.ofSeconds(60))).hasValue(0);
            session.close();
        }
        assertThat(screen.toString()).contains("hello");
        String classes = Files.readString(classLog);
        for (String name : List.of(
                "dev.claudemesh.supervisor.PtySupervisor",
                "dev.claudemesh.supervisor.Passthrough",
                "com.pty4j.unix.UnixPtyProcess",
                "com.sun.jna.Native")) {
            assertThat(classes).as(name).contains(" " + name + " source: shared objects file (top)");
        }
        assertThat(new InstallCheck(dev.claudemesh.install.InstallPaths.fromEnv(t.env)).run())
                .filteredOn(c -> c.name().equals("supervisor archive"))
                .extracting(Check::status)
                .containsExactly(Check.Status.PRESENT);
    }

    @Test
    void the_training_run_starts_no_daemon() throws Exception {
        Path jar = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"))
                .toAbsolutePath();
        java.util.Set<Long> before = trainingProcesses();
        ProcessBuilder pb = new ProcessBuilder(
                        LauncherScript.currentJava(), "-jar", jar.toString(), "install", "--jar", jar.toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLAUDE"));
        pb.environment().put("HOME", tmp.resolve("home").toString());
        Process install = pb.start();
        String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as(out).isZero();
        assertThat(out).contains("startup archive made").doesNotContain("no supervisor startup archive");
        assertThat(tmp.resolve("home/.claudemesh/lib/claudemesh-supervisor.jsa"))
                .isRegularFile();
        // the training terminal's native library went into the run's scratch folder, not the user's home
        assertThat(tmp.resolve("home/.claudemesh/cache")).doesNotExist();
        // the training hook talks to its stand-in daemon; had it found none it would have started a real one
        assertThat(trainingProcesses()).as("processes of a training home").isSubsetOf(before);
    }

    /** Processes whose CLAUDEMESH_HOME lies in a training run's throwaway folder. */
    private static java.util.Set<Long> trainingProcesses() {
        java.util.Set<Long> out = new java.util.HashSet<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                String env = Files.readString(Path.of("/proc/" + p.pid() + "/environ"), StandardCharsets.ISO_8859_1);
                if (env.contains("CLAUDEMESH_HOME=" + System.getProperty("java.io.tmpdir") + "/claudemesh-cds-")
                        || env.contains("CLAUDEMESH_HOME=/tmp/claudemesh-cds-")) {
                    out.add(p.pid());
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // exited, or not ours
            }
        });
        return out;
    }

    record Run(int exitCode, String stderr) {}

    private static Run run(List<String> command, TestHome t) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CLAUDE"));
        env.put("HOME", t.home.toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        assertThat(err).as("stderr of " + command).isEmpty();
        return new Run(p.exitValue(), err);
    }
}
