package dev.claudemesh.notify.desktop;

import dev.claudemesh.config.JvmFlags;
import dev.claudemesh.config.MeshHome;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a click on a notification the headless daemon raised does: the running tray app opens its window at
 * that session (over {@link TrayLink}); when no tray app runs, one is started at that session, as a client of
 * this daemon.
 */
public final class TrayClick {
    private static final Logger LOG = LoggerFactory.getLogger(TrayClick.class);

    private TrayClick() {}

    public static void open(MeshHome home, String sessionId) {
        if (TrayLink.tell(home, new TrayLink.Request(TrayLink.SESSION, sessionId))
                .isPresent()) {
            return;
        }
        try {
            start(home, sessionId);
        } catch (IOException e) {
            LOG.warn("cannot start the tray app for session {}: {}", sessionId, e.getMessage());
        }
    }

    static Process start(MeshHome home, String sessionId) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JvmFlags.TRAY);
        cmd.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), "dev.claudemesh.Main", "tray", "--session", sessionId));
        File log = home.dir().resolve("tray.log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CLAUDEMESH_HOME", home.dir().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectErrorStream(true);
        return pb.start();
    }
}
