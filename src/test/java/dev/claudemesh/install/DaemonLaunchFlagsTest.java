package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.JvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon the thin hooks start through the installed launcher runs with the daemon's JVM flags, as one the JVM
 * clients start ({@code DaemonSpawner}) does.
 */
class DaemonLaunchFlagsTest {
    @TempDir
    Path dir;

    @Test
    void the_installed_launcher_starts_the_daemon_with_the_daemons_flags() throws Exception {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        String script = new LauncherScript(
                        java.toString(),
                        new InstallPaths(dir.resolve("s.json"), dir.resolve("c.json"), dir.resolve("m")))
                .render();
        Path launcher = dir.resolve("claudemesh");
        Files.writeString(launcher, script);
        Process p = new ProcessBuilder("/bin/sh", launcher.toString(), "daemon", "--if-absent")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(args.lines()).containsAll(JvmFlags.DAEMON);
        assertThat(args.lines()).containsSequence("daemon", "--if-absent");
        assertThat(JvmFlags.DAEMON).contains("-XX:+UseSerialGC", "-Xmx512m");
    }
}
