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
 * word is {@code hook}, {@code statusline} or {@code mcp}, or a {@link QuietPrompt} ending in such a command.
 *
 * @param quietHome the mesh home whose {@link QuietPrompt} the UserPromptSubmit hook runs (the thin path), or null
 *     for the plain launcher command
 */
public record MeshEntries(Path launcher, Path quietHome) {
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
        if (quietHome != null && !quietHome.isAbsolute()) {
            throw new IllegalArgumentException("mesh home must be absolute: " + quietHome);
        }
    }

    /** Entries that all run {@code launcher} itself (the JVM path). */
    public MeshEntries(Path launcher) {
        this(launcher, null);
    }

    /** The thin path's entries: the thin launcher, and the quiet prompt for UserPromptSubmit. */
    public static MeshEntries thin(InstallPaths paths) {
        return new MeshEntries(HookPath.thinLauncher(paths), paths.meshHome());
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

    /**
     * The command of {@code event}'s hook: the launcher's {@code hook <event>}, for UserPromptSubmit behind the
     * {@link QuietPrompt} when these entries have a {@link #quietHome}.
     */
    public String hookCommand(String event) {
        String plain = command("hook", event);
        return quietHome != null && event.equals(QuietPrompt.EVENT) ? QuietPrompt.command(quietHome, plain) : plain;
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
                .put("command", hookCommand(event))
                .put("timeout", timeoutSeconds);
    }

    private static ObjectNode group(ObjectNode hook) {
        ObjectNode group = NODES.objectNode();
        group.putArray("hooks").add(hook);
        return group;
    }

    /** True for a shell command that runs claudemesh's hook, statusline or mcp entry point (see {@link #coreOf}). */
    public static boolean isOurCommand(String command) {
        return coreOf(command) != null;
    }

    /**
     * The command of ours an entry runs: the entry itself when it runs claudemesh's hook, statusline or mcp entry
     * point, the part after {@code || exec } of a {@link QuietPrompt}; null when the entry is not ours.
     */
    public static String coreOf(String command) {
        String tail = QuietPrompt.tailOf(command);
        if (tail != null) {
            return tail;
        }
        List<String> words = ShellWords.split(command);
        return words.size() >= 2 && isOurProgram(words.get(0)) && OUR_VERBS.contains(words.get(1)) ? command : null;
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

    /** The launcher a command of ours runs (its first word, a quiet prompt's after {@code exec}), or null when it is not ours. */
    public static String launcherOf(String command) {
        String core = coreOf(command);
        return core != null ? ShellWords.split(core).get(0) : null;
    }

    static boolean isOurProgram(String word) {
        int slash = word.lastIndexOf('/');
        return word.substring(slash + 1).equals("claudemesh");
    }
}
