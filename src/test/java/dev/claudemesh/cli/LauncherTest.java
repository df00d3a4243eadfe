package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir
    Path tmp;

    TestHome t;
    Path fakeJava;

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome(tmp);
        fakeJava = tmp.resolve("jdk/bin/java");
        Files.createDirectories(fakeJava.getParent());
        Files.writeString(
                fakeJava,
                "#!/bin/sh\necho \"CLAUDEMESH_HOME=$CLAUDEMESH_HOME\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher with a clean environment plus {@code extraEnv} (NAME=value pairs). */
    List<String> launch(List<String> args, String... extraEnv) throws Exception {
        List<String> command = new ArrayList<>(List.of(t.launcher().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        for (String kv : extraEnv) {
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void the_launcher_is_an_executable_shell_script_pinning_java_and_the_jar() throws Exception {
        t.install("--java", fakeJava.toString());

        assertThat(Files.getPosixFilePermissions(t.launcher())).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        String script = TestHome.text(t.launcher());
        assertThat(script)
                .startsWith("#!/bin/sh\n")
                .contains("CLAUDEMESH_HOME=" + t.meshHome() + "\n")
                .contains("jar=" + t.meshHome().resolve("lib/claudemesh.jar") + "\n")
                .endsWith("exec " + fakeJava + " \"$@\"\n");
        assertThat(t.meshHome().resolve("lib/claudemesh.jar")).hasSameBinaryContentAs(t.fakeJar());
        assertThat(Files.getPosixFilePermissions(t.meshHome())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void hot_paths_run_with_fast_start_flags_and_the_install_time_home() throws Exception {
        t.install("--java", fakeJava.toString());

        List<String> lines = launch(List.of("hook", "Stop"));

        assertThat(lines)
                .containsExactly(
                        "CLAUDEMESH_HOME=" + t.meshHome(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-Xss512k",
                        "-Xms8m",
                        "-Xmx64m",
                        "-Xshare:auto",
                        "-Xlog:disable",
                        "-Xlog:all=warning,cds*=off:stderr",
                        "-jar",
                        t.meshHome().resolve("lib/claudemesh.jar").toString(),
                        "hook",
                        "Stop");
    }

    @Test
    void other_commands_get_the_client_flags_and_keep_their_arguments_intact() throws Exception {
        t.install("--java", fakeJava.toString());

        List<String> lines = launch(List.of("send", "a b", "it's"), "CLAUDEMESH_HOME=/elsewhere");

        assertThat(lines)
                .containsExactly(
                        "CLAUDEMESH_HOME=/elsewhere",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-Xshare:auto",
                        "-Xlog:disable",
                        "-Xlog:all=warning,cds*=off:stderr",
                        "-jar",
                        t.meshHome().resolve("lib/claudemesh.jar").toString(),
                        "send",
                        "a b",
                        "it's");
    }

    @Test
    void the_startup_archive_is_used_when_it_exists() throws Exception {
        t.install("--java", fakeJava.toString());
        Path jsa = t.meshHome().resolve("lib/claudemesh.jsa");
        Files.writeString(jsa, "archive");

        List<String> lines = launch(List.of("statusline"));

        assertThat(lines.get(1)).isEqualTo("-XX:SharedArchiveFile=" + jsa);
        assertThat(lines).contains("-XX:+UseSerialGC");
    }

    @Test
    void a_home_with_spaces_and_quotes_still_works_end_to_end() throws Exception {
        Path mesh = tmp.resolve("my mesh's home");
        t.env.put("CLAUDEMESH_HOME", mesh.toString());
        t.install("--java", fakeJava.toString());
        byte[] settings = TestHome.read(t.settings());

        List<String> lines = launch(List.of("mcp"));
        t.install("--java", fakeJava.toString());

        assertThat(lines.get(0)).isEqualTo("CLAUDEMESH_HOME=" + mesh);
        assertThat(lines).contains(mesh.resolve("lib/claudemesh.jar").toString());
        assertThat(TestHome.read(t.settings())).isEqualTo(settings);
        assertThat(TestHome.text(t.settings())).contains("'" + mesh.toString().replace("'", "'\\\\''"));
    }

    @Test
    void hooks_the_mcp_server_the_cli_and_the_supervisor_each_run_with_their_own_startup_archive() throws Exception {
        t.install("--java", fakeJava.toString());
        Path hookJsa = t.meshHome().resolve("lib/claudemesh.jsa");
        Path mcpJsa = t.meshHome().resolve("lib/claudemesh-mcp.jsa");
        Files.writeString(hookJsa, "hook archive");
        Files.writeString(mcpJsa, "mcp archive");

        assertThat(launch(List.of("hook", "Stop"))).contains("-XX:SharedArchiveFile=" + hookJsa);
        assertThat(launch(List.of("mcp"))).contains("-XX:SharedArchiveFile=" + mcpJsa);
        Path cliJsa = t.meshHome().resolve("lib/claudemesh-cli.jsa");
        Files.writeString(cliJsa, "cli archive");
        assertThat(launch(List.of("list"))).contains("-XX:SharedArchiveFile=" + cliJsa);
        Path supervisorJsa = t.meshHome().resolve("lib/claudemesh-supervisor.jsa");
        Files.writeString(supervisorJsa, "supervisor archive");
        assertThat(launch(List.of())).contains("-XX:SharedArchiveFile=" + supervisorJsa);
        assertThat(launch(List.of("--resume"))).contains("-XX:SharedArchiveFile=" + supervisorJsa);
        assertThat(launch(List.of("run", "list"))).contains("-XX:SharedArchiveFile=" + supervisorJsa);
        assertThat(launch(List.of("--verbose", "status"))).contains("-XX:SharedArchiveFile=" + cliJsa);
        assertThat(launch(List.of("daemon"))).contains("-XX:SharedArchiveFile=" + cliJsa);
        Files.delete(mcpJsa);
        assertThat(launch(List.of("mcp"))).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void a_changed_jar_replaces_the_copy_and_drops_the_stale_archive() throws Exception {
        t.install("--java", fakeJava.toString());
        Path jsa = t.meshHome().resolve("lib/claudemesh.jsa");
        Files.writeString(jsa, "archive");

        t.install("--java", fakeJava.toString());
        assertThat(jsa).exists();
        Files.writeString(t.fakeJar(), "PK new build");
        TestHome.Result r = t.install("--java", fakeJava.toString());

        assertThat(jsa).doesNotExist();
        assertThat(t.meshHome().resolve("lib/claudemesh.jar")).hasContent("PK new build");
        assertThat(r.out()).contains("jar copied").contains("no startup archive (--no-cds)");
    }
}
