package dev.claudemesh.session;

/**
 * Claude Code's own cross-session messaging ({@code SendMessage}/{@code ListAgents}, since 2.1.224) as one
 * session's hooks see it: {@code on} when claude gave them {@code CLAUDE_CODE_MESSAGING_SOCKET} and
 * {@code CLAUDE_CODE_MESSAGING_TOKEN}; {@code name} is what {@code ListAgents} calls the session (e.g.
 * {@code beta-6b}), or null when it could not be learned reliably.
 */
public record BuiltinMessaging(boolean on, String name) {
    public static final BuiltinMessaging OFF = new BuiltinMessaging(false, null);
    private static final int MAX_NAME = 64;

    public BuiltinMessaging {
        if (name != null) {
            if (!on) {
                throw new InvalidInputException("a built-in name needs built-in messaging on");
            }
            if (!isValidName(name)) {
                throw new InvalidInputException("builtin_name must be 1-" + MAX_NAME
                        + " letters, digits, spaces or ._- characters, got '" + Ids.printable(name) + "'");
            }
        }
    }

    public static BuiltinMessaging on(String name) {
        return new BuiltinMessaging(true, name);
    }

    /** Whether claude gave this process (a hook, the MCP server, its Bash tool) its messaging socket and token. */
    public static boolean seenIn(java.util.Map<String, String> env) {
        String socket = env.get("CLAUDE_CODE_MESSAGING_SOCKET");
        String token = env.get("CLAUDE_CODE_MESSAGING_TOKEN");
        return socket != null && !socket.isBlank() && token != null && !token.isBlank();
    }

    /** Names go into text the model reads: letters, digits, space, dot, underscore, dash; no markup. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.isBlank()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
