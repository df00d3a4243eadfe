package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.JvmFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Both launchers start `claudemesh tray` with the tray's lean JVM flags (GUI-RECIPE.md §8). */
class TrayLaunchFlagsTest {
    @Test
    void the_installed_launcher_passes_the_tray_flags_for_the_tray_command() {
        String script = new LauncherScript(
                        "/usr/bin/java", new InstallPaths(Path.of("/h/s.json"), Path.of("/h/c.json"), Path.of("/h/m")))
                .render();
        assertThat(script).contains("  tray) jsa=; set -- " + String.join(" ", JvmFlags.TRAY) + " ");
        assertThat(JvmFlags.TRAY).contains("-Dprism.order=sw", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void the_source_checkout_launcher_uses_the_same_flags() throws Exception {
        String script = Files.readString(Path.of("packaging/claudemesh"));
        String flat = script.replace("\\\n", " ").replaceAll(" +", " ");
        assertThat(flat).contains("exec \"$java\" " + String.join(" ", JvmFlags.TRAY) + " ");
    }
}
