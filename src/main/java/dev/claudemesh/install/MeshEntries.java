package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The entries claudemesh puts into Claude Code's config, all pointing at one launcher, and the rule that
 * recognises them later: a command whose first word's file name is {@code claudemesh} and whose second
 * word is {@code hook}, {@code statusline} or {@code mcp}.
 */
public record MeshEntries(Path launcher) {
    /** Hook events claudemesh listens to, spelled as Claude Code spells them. */
    public static final List<String> EVENTS = List.of("SessionStart", "UserPromptSubmit", "Stop", "SessionEnd");
    /** The {@code permissions.allow} entry that lets the claudemesh MCP tools run without a prompt. */
    public static final String PERMISSION = "mcp__claudemesh";
    /** The key under {@code mcpServers}. */
    public static final String SERVER_NAME = "claudemesh";
    /** The background Stop waiter's pseudo event (second Stop entry, {@code asyncRewake}). */
    public static final String STOP_WAITER = "StopWaiter";

    private static final Set<String> OUR_VERBS = Set.of("hook", "statusline", "mcp");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public MeshEntries {
        Objects.requireNonNull(launcher, "launcher");
        if (!launcher.isAbsolute()) {
            throw new IllegalArgumentException("launcher path must be absolute: " + launcher);
        }
    }

    /** The shell command Claude Code runs, e.g. {@code /home/u/.claudemesh/bin/claudemesh hook Stop}. */
    public String command(String verb, String... args) {
        StringBuilder s = new StringBuilder(ShellWords.quote(launcher.toString()))
                .append(' ')
                .append(verb);
        for (String a : args) {
            s.append(' ').append(a);
        }
        return s.toString();
    }

    /** Our hook groups for an event of {@link #EVENTS}, in the order they go into settings.json. */
    public List<ObjectNode> hookGroups(String event) {
        switch (event) {
            case "SessionStart":
                return List.of(group(hook(event, 30)));
            case "UserPromptSubmit":
                return List.of(group(hook(event, 15)));
            case "Stop":
                ObjectNode waiter = NODES.objectNode()
                        .put("type", "command")
                        .put("command", command("hook", STOP_WAITER))
                        .put("asyncRewake", true)
                        .put("timeout", 3600);
                return List.of(group(hook(event, 15)), group(waiter));
            case "SessionEnd":
                return List.of(group(hook(event, 10)));
            default:
                throw new IllegalArgumentException("not a claudemesh hook event: " + event);
        }
    }

    /** {@code "statusLine"} value. */
    public ObjectNode statusLine() {
        return NODES.objectNode()
                .put("type", "command")
                .put("command", command("statusline"))
                .put("padding", 0);
    }

    /** {@code mcpServers.claudemesh} value. */
    public ObjectNode mcpServer() {
        ObjectNode server = NODES.objectNode().put("type", "stdio").put("command", launcher.toString());
        server.putArray("args").add("mcp");
        server.putObject("env");
        return server;
    }

    private ObjectNode hook(String event, int timeoutSeconds) {
        return NODES.objectNode()
                .put("type", "command")
                .put("command", command("hook", event))
                .put("timeout", timeoutSeconds);
    }

    private static ObjectNode group(ObjectNode hook) {
        ObjectNode group = NODES.objectNode();
        group.putArray("hooks").add(hook);
        return group;
    }

    /** True for a shell command that runs claudemesh's hook, statusline or mcp entry point. */
    public static boolean isOurCommand(String command) {
        List<String> words = ShellWords.split(command);
        return words.size() >= 2 && isOurProgram(words.get(0)) && OUR_VERBS.contains(words.get(1));
    }

    /** True for a hook object {@code {type: "command", command: <ours>}}. */
    public static boolean isOurHook(JsonNode hook) {
        return hook.isObject()
                && hook.path("command").isTextual()
                && isOurCommand(hook.path("command").textValue());
    }

    /** True for an {@code mcpServers} value that runs {@code claudemesh mcp}. */
    public static boolean isOurServer(JsonNode server) {
        JsonNode args = server.path("args");
        return server.path("command").isTextual()
                && isOurProgram(server.path("command").textValue())
                && args.isArray()
                && args.size() >= 1
                && "mcp".equals(args.get(0).textValue());
    }

    /** The launcher a command of ours runs (its first word), or null when it is not ours. */
    public static String launcherOf(String command) {
        return isOurCommand(command) ? ShellWords.split(command).get(0) : null;
    }

    private static boolean isOurProgram(String word) {
        int slash = word.lastIndexOf('/');
        return word.substring(slash + 1).equals("claudemesh");
    }
}
