package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.session.BuiltinMessaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The doctor's line about Claude Code's own cross-session messaging (SendMessage/ListAgents): whether this
 * claude version has it, whether the user settings refuse or hold it, and, when doctor runs inside a claude
 * session, whether that session has it on. Information only: claudemesh works either way.
 */
final class BuiltinDoctor {
    /** The first Claude Code version with built-in cross-session messaging. */
    static final int[] SINCE = {2, 1, 224};

    private BuiltinDoctor() {}

    static String line(int[] claudeVersion, Map<String, String> env, Path settingsFile) {
        if (DoctorCommand.compare(claudeVersion, SINCE) < 0) {
            return "built-in messaging (SendMessage/ListAgents): not in this claude (it came in " + SINCE[0] + "."
                    + SINCE[1] + "." + SINCE[2] + "); claudemesh is the only messaging here";
        }
        StringBuilder b = new StringBuilder("built-in messaging (SendMessage/ListAgents): available in this claude");
        String inbound = inbound(settingsFile);
        if (inbound.equals("refuse")) {
            b.append(", but crossSessionInbound is \"refuse\" in ")
                    .append(settingsFile)
                    .append(": sessions do not accept it");
        } else if (inbound.equals("hold")) {
            b.append(", held for your approval (crossSessionInbound \"hold\" in ")
                    .append(settingsFile)
                    .append(')');
        }
        if (BuiltinMessaging.seenIn(env)) {
            b.append("; on in this session");
        } else if ("1".equals(env.get("CLAUDECODE"))) {
            b.append("; off in this session (claude gave it no messaging socket)");
        } else {
            b.append("; claudemesh list shows which sessions have it on");
        }
        return b.toString();
    }

    /** The user settings' crossSessionInbound ("accept" when absent or unreadable: claude's default). */
    static String inbound(Path settingsFile) {
        try {
            if (!Files.isRegularFile(settingsFile)) {
                return "accept";
            }
            JsonNode v = new ObjectMapper().readTree(settingsFile.toFile()).path("crossSessionInbound");
            return v.isTextual() ? v.asText() : "accept";
        } catch (Exception unreadable) {
            return "accept"; // the install checks above report an unreadable settings.json
        }
    }
}
