package dev.claudemesh.notify.desktop;

import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The app's icons as files, for the desktop parts that want a name or a path rather than pixels: an icon
 * theme folder ({@code <home>/icons/hicolor/NxN/apps/claudemesh.png}) for a StatusNotifierItem's
 * {@code IconThemePath}, and a PNG path for a notification's icon. Copied from the jar when missing.
 */
public final class IconFiles {
    public static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48, 64, 128, 256);
    public static final String NAME = "claudemesh";
    public static final String WAITING = "claudemesh-waiting";
    static final String RESOURCES = "/dev/claudemesh/icons/";

    private IconFiles() {}

    public static Path themeDir(MeshHome home) {
        return home.dir().resolve("icons");
    }

    /** Writes the theme folder if needed; returns it, or null when the home cannot take it. */
    public static Path install(MeshHome home) {
        Path theme = themeDir(home);
        try {
            for (String name : List.of(NAME, WAITING)) {
                for (int size : SIZES) {
                    copy(
                            name + "-" + size + ".png",
                            theme.resolve("hicolor/" + size + "x" + size + "/apps/" + name + ".png"));
                }
                copy(name + ".svg", theme.resolve("hicolor/scalable/apps/" + name + ".svg"));
            }
            return theme;
        } catch (IOException e) {
            return null;
        }
    }

    /** The 48 px PNG path for notifications, installing the theme when needed; null when there is none. */
    public static Path notificationIcon(MeshHome home) {
        Path theme = install(home);
        return theme == null ? null : theme.resolve("hicolor/48x48/apps/" + NAME + ".png");
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = IconFiles.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IOException("icon " + resource + " is not in the jar");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(to) && Files.size(to) == bytes.length) {
                return;
            }
            Files.createDirectories(to.getParent());
            Path tmp = to.resolveSibling(
                    to.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.write(tmp, bytes);
            Files.move(
                    tmp,
                    to,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
