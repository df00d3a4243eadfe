package dev.claudemesh.hook;

import dev.claudemesh.session.BuiltinMessaging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a hook can see of Claude Code's own cross-session messaging. It is on when claude handed the hook
 * {@code CLAUDE_CODE_MESSAGING_SOCKET} and {@code CLAUDE_CODE_MESSAGING_TOKEN} (claude unsets both when its
 * socket could not be set up). The session's {@code ListAgents} name is read from claude's own session file,
 * {@code <config dir>/sessions/<claude pid>.json} (2.1.332: {@code "name"}, {@code "messagingSocketPath"}),
 * and trusted only when that file is this claude's: same pid, same socket. The token is never forwarded.
 */
public final class BuiltinProbe {
    static final int MAX_FILE = 64 * 1024;
    private static final Pattern SOCKET_PID = Pattern.compile("(\\d{1,9})(?:-[0-9a-f]{8})?\\.sock");

    private final Map<String, String> env;

    BuiltinProbe(Map<String, String> env) {
        this.env = env;
    }

    /**
     * What the thin (sh + curl) hook reported: {@code header} is {@code "0"} (off) or {@code "1 <socket path>"}
     * (on); null when the hook said nothing (then nothing is known). Only {@code <claudeConfigDir>/sessions/<pid>.json}
     * is read (at most 64 KiB, trusted only for the same pid and socket); {@code env} is the daemon's own, the
     * fallback for claude's config folder.
     */
    public static BuiltinMessaging fromThinHook(
            String header, String claudeConfigDir, Long claudePid, Map<String, String> env) {
        if (header == null) {
            return null;
        }
        if (!header.startsWith("1 ") || header.length() < 3) {
            return BuiltinMessaging.OFF;
        }
        Map<String, String> seen = new java.util.HashMap<>(env);
        seen.put("CLAUDE_CODE_MESSAGING_SOCKET", header.substring(2));
        seen.put("CLAUDE_CODE_MESSAGING_TOKEN", "-"); // present, never read
        if (claudeConfigDir != null && claudeConfigDir.startsWith("/")) {
            seen.put("CLAUDE_CONFIG_DIR", claudeConfigDir); // claude's own, as the hook saw it
        }
        if (claudePid != null) {
            seen.put("CLAUDE_PID", Long.toString(claudePid));
        } else {
            seen.remove("CLAUDE_PID");
        }
        return new BuiltinProbe(seen).probe();
    }

    BuiltinMessaging probe() {
        if (!BuiltinMessaging.seenIn(env)) {
            return BuiltinMessaging.OFF;
        }
        return BuiltinMessaging.on(name(env.get("CLAUDE_CODE_MESSAGING_SOCKET")));
    }

    /** The fields this adds to every hook request. */
    String payloadFields() {
        BuiltinMessaging b = probe();
        return ",\"builtin_messaging\":" + b.on()
                + (b.name() == null ? "" : ",\"builtin_name\":" + LeanJson.quote(b.name()));
    }

    private String name(String socket) {
        try {
            Long pid = claudePid(socket);
            if (pid == null) {
                return null;
            }
            Path file = configDir().resolve("sessions").resolve(pid + ".json");
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
                return null;
            }
            return nameIn(Files.readString(file, StandardCharsets.UTF_8), pid, socket);
        } catch (IOException | RuntimeException unreadable) {
            return null; // claude may be rewriting it; the next hook tries again
        }
    }

    /** The name in a claude session file, if the file describes the claude at {@code pid} with {@code socket}. */
    static String nameIn(String json, long pid, String socket) {
        Map<String, Object> f = LeanJson.parseObject(json);
        boolean same = f.get("pid") instanceof Long p && p == pid && socket.equals(f.get("messagingSocketPath"));
        if (same && f.get("name") instanceof String n && BuiltinMessaging.isValidName(n)) {
            return n;
        }
        return null;
    }

    private Long claudePid(String socket) {
        String cp = env.get("CLAUDE_PID");
        if (cp != null && cp.matches("\\d{1,9}")) {
            return Long.parseLong(cp);
        }
        Matcher m = SOCKET_PID.matcher(Path.of(socket).getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }

    private Path configDir() {
        String dir = env.get("CLAUDE_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".claude");
    }
}
