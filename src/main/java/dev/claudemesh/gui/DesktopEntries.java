package dev.claudemesh.gui;

import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The freedesktop entries of the tray app: the menu entry ({@code packaging/claudemesh-tray.desktop}) and the
 * autostart entry {@code claudemesh tray --autostart on} writes to {@code $XDG_CONFIG_HOME/autostart}
 * (default {@code ~/.config/autostart}), the same text as {@code packaging/claudemesh-tray-autostart.desktop}
 * with the command that starts this installation.
 */
public final class DesktopEntries {
    public static final String AUTOSTART_FILE = "claudemesh-tray.desktop";

    private DesktopEntries() {}

    public static Path autostartFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return config.resolve("autostart").resolve(AUTOSTART_FILE);
    }

    public static String autostart(List<String> command) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=claudemesh\n"
                + "Comment=Tray icon for the Claude Code sessions on this machine\n"
                + "Exec=" + exec(command) + "\n"
                + "Icon=claudemesh\n"
                + "Terminal=false\n"
                + "Categories=Development;Utility;\n"
                + "X-GNOME-Autostart-enabled=true\n"
                + "X-GNOME-Autostart-Delay=5\n";
    }

    /** Writes the autostart entry; returns its path. */
    public static Path enable(Map<String, String> env, List<String> command) throws IOException {
        Path f = autostartFile(env);
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling("." + AUTOSTART_FILE + ".tmp");
        Files.writeString(tmp, autostart(command), StandardCharsets.UTF_8);
        Files.move(
                tmp,
                f,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return f;
    }

    /** Removes the autostart entry; true when there was one. */
    public static boolean disable(Map<String, String> env) throws IOException {
        return Files.deleteIfExists(autostartFile(env));
    }

    /**
     * The command that starts the tray app of this installation: the launcher {@code claudemesh install}
     * wrote, else this jar with the tray's JVM flags, else {@code claudemesh} on PATH.
     */
    public static List<String> trayCommand(MeshHome home, Path runningJar, String java, List<String> jvmFlags) {
        Path launcher = home.dir().resolve("bin").resolve("claudemesh");
        if (Files.isExecutable(launcher)) {
            return List.of(launcher.toString(), "tray");
        }
        if (runningJar != null) {
            List<String> cmd = new java.util.ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-jar", runningJar.toString(), "tray"));
            return cmd;
        }
        return List.of("claudemesh", "tray");
    }

    /** The Exec value: arguments quoted as the Desktop Entry spec says, {@code %} doubled. */
    static String exec(List<String> command) {
        return command.stream().map(DesktopEntries::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        String a = arg.replace("%", "%%");
        if (a.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return a;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : a.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        // the file format unescapes backslashes once more before Exec is split into arguments
        return b.append('"').toString().replace("\\", "\\\\");
    }
}
