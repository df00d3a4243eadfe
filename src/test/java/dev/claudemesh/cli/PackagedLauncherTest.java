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

/** `claudemesh install` run from the package (its jar in lib/app, its own runtime in lib/runtime). */
class PackagedLauncherTest {
    @TempDir
    Path tmp;

    TestHome t;
    Path bundleJar;
    Path bundleJava;

    record Run(int code, String out) {}

    @BeforeEach
    void setUp() throws Exception {
        t = new TestHome(tmp);
        bundleJar = tmp.resolve("opt/claudemesh/lib/app/claudemesh.jar");
        bundleJava = tmp.resolve("opt/claudemesh/lib/runtime/bin/java");
        Files.createDirectories(bundleJar.getParent());
        Files.createDirectories(bundleJava.getParent());
        Files.writeString(bundleJar, "PK packaged");
        Files.writeString(bundleJava, "#!/bin/sh\necho \"bundled java\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(bundleJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    TestHome.Result installFromPackage() {
        return t.run("install", "--no-cds", "--jar", bundleJar.toString(), "--java", bundleJava.toString());
    }

    Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(t.launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/nonexistent"); // no java on PATH: the launcher must not need one
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void hooks_run_the_packages_jar_on_the_bundled_runtime_without_java_on_path() throws Exception {
        TestHome.Result r = installFromPackage();
        assertThat(r.code()).as(r.err()).isZero();

        Run hook = launch("hook", "SessionStart");

        assertThat(hook.code()).isZero();
        assertThat(hook.out().lines().toList())
                .startsWith("bundled java")
                .contains("-XX:+UseSerialGC")
                .containsSubsequence("-jar", bundleJar.toString(), "hook", "SessionStart");
        assertThat(t.meshHome().resolve("lib/claudemesh.jar")).doesNotExist();
        assertThat(TestHome.text(t.settings())).contains(t.launcher() + " hook SessionStart");
    }

    @Test
    void a_removed_runtime_makes_hooks_do_nothing_and_commands_say_how_to_fix_it() throws Exception {
        installFromPackage();
        Files.delete(bundleJava);

        Run hook = launch("hook", "Stop");
        Run statusline = launch("statusline");
        Run list = launch("list");

        assertThat(hook.code()).isZero();
        assertThat(hook.out()).contains(bundleJava + " is missing").contains("claudemesh uninstall");
        assertThat(statusline.code()).isZero();
        assertThat(list.code()).isEqualTo(127);
        assertThat(list.out()).contains("reinstall it and run 'claudemesh install'");
    }
}
