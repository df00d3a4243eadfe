package dev.claudemesh.gui.terminal;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.config.MeshHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A tiny stand-in for claude (CLAUDEMESH_CLAUDE_BIN points at a script running it): registers itself with the
 * daemon as its SessionStart hook would, prints in colour, echoes what is typed, and ends its session when it gets
 * SIGTERM (as claude's SessionEnd does) or reads {@code /exit}.
 */
public final class FakeClaude {
    public static void main(String[] args) throws Exception {
        MeshHome home = MeshHome.fromEnv();
        DaemonClient client = new DaemonStarter(home).connect(false);
        long pid = ProcessHandle.current().pid();
        String cwd = System.getProperty("user.dir");
        String id = client.post("/v1/sessions", Map.of("session_id", "fake-" + pid, "pid", pid, "cwd", cwd))
                .path("session")
                .path("id")
                .asText();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                client.post("/v1/sessions/" + id + "/end", Map.of("reason", "other"));
            } catch (Exception ignored) {
                // the daemon may be gone already
            }
        }));
        System.out.println("\u001b[1;32mfake claude ready\u001b[0m as " + id + " in " + cwd);
        System.out.println("args=" + Arrays.toString(args) + " term=" + System.getenv("TERM"));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.trim().equals("/exit")) {
                break;
            }
            System.out.println("you said: " + line);
            System.out.flush();
        }
        System.exit(0);
    }
}
