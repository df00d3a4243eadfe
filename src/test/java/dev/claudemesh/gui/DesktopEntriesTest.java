package dev.claudemesh.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.MeshHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopEntriesTest {
    @TempDir
    Path dir;

    @Test
    void the_autostart_entry_goes_under_xdg_config_home_when_set_else_home_config() {
        assertThat(DesktopEntries.autostartFile(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/h")))
                .isEqualTo(Path.of("/x/cfg/autostart/claudemesh-tray.desktop"));
        assertThat(DesktopEntries.autostartFile(Map.of("HOME", "/h")))
                .isEqualTo(Path.of("/h/.config/autostart/claudemesh-tray.desktop"));
        assertThat(DesktopEntries.autostartFile(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/h")))
                .as("the spec ignores a relative XDG_CONFIG_HOME")
                .isEqualTo(Path.of("/h/.config/autostart/claudemesh-tray.desktop"));
    }

    @Test
    void enabling_writes_the_packaged_entry_with_this_installations_command_and_disabling_removes_it()
            throws Exception {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString());
        Path f = DesktopEntries.enable(env, List.of("claudemesh", "tray"));
        assertThat(Files.readString(f))
                .isEqualTo(Files.readString(Path.of("packaging/claudemesh-tray-autostart.desktop")));
        assertThat(DesktopEntries.disable(env)).isTrue();
        assertThat(f).doesNotExist();
        assertThat(DesktopEntries.disable(env)).isFalse();
    }

    @Test
    void exec_arguments_are_quoted_as_the_desktop_entry_spec_says() {
        assertThat(DesktopEntries.exec(List.of("/opt/my apps/java", "-Dx=100%", "a\"b$c")))
                .isEqualTo("\"/opt/my apps/java\" -Dx=100%% \"a\\\\\"b\\\\$c\"");
    }

    @Test
    void the_installed_launcher_is_preferred_then_the_running_jar() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("mesh"));
        assertThat(DesktopEntries.trayCommand(home, Path.of("/j/claudemesh.jar"), "/usr/bin/java", List.of("-Xmx1m")))
                .containsExactly("/usr/bin/java", "-Xmx1m", "-jar", "/j/claudemesh.jar", "tray");
        assertThat(DesktopEntries.trayCommand(home, null, "java", List.of())).containsExactly("claudemesh", "tray");
        Path launcher = home.dir().resolve("bin/claudemesh");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        assertThat(DesktopEntries.trayCommand(home, Path.of("/j/claudemesh.jar"), "java", List.of()))
                .containsExactly(launcher.toString(), "tray");
    }

    @Test
    void the_menu_entry_runs_the_tray_command() throws Exception {
        String entry = Files.readString(Path.of("packaging/claudemesh-tray.desktop"));
        assertThat(entry).startsWith("[Desktop Entry]\n").contains("\nExec=claudemesh tray\n", "\nIcon=claudemesh\n");
    }
}
