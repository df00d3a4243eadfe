package dev.claudemesh.notify;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.NotifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code notify} setting as {@code config.json} says now: re-read when the file changes (the tray menu
 * toggles it while a daemon runs). A file broken by hand keeps the last good value and is logged once.
 */
public final class ConfiguredMode implements Supplier<NotifyMode> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredMode.class);

    private final MeshHome home;
    private NotifyMode mode;
    private FileTime seen;
    private long seenSize = -1;

    public ConfiguredMode(MeshHome home, NotifyMode initial) {
        this.home = home;
        this.mode = initial;
        this.seen = modified();
        this.seenSize = size();
    }

    @Override
    public synchronized NotifyMode get() {
        FileTime now = modified();
        long size = size();
        if (!java.util.Objects.equals(now, seen) || size != seenSize) {
            seen = now;
            seenSize = size;
            try {
                mode = MeshConfig.readNotify(home);
            } catch (MeshConfig.ConfigException e) {
                LOG.warn("keeping notify={} because {}", mode.wire(), e.getMessage());
            }
        }
        return mode;
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(home.configFile());
        } catch (IOException e) {
            return null;
        }
    }

    private long size() {
        try {
            return Files.size(home.configFile());
        } catch (IOException e) {
            return -1;
        }
    }
}
