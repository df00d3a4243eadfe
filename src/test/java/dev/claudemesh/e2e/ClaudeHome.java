package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A throwaway {@code HOME} for the real claude: {@code .claude.json} with onboarding done and the fake API
 * key approved, {@code .claude/settings.json}, a private {@code TMPDIR}, and the environment claude needs to
 * talk only to the fake API.
 *
 * <p>Every write is a read-merge-write of the JSON on disk, so entries that {@code claudemesh install} (or
 * claude itself) put there stay; Jackson re-formats the file, though. {@code CLAUDE_CONFIG_DIR} is not set:
 * claude then uses its default layout, {@code $HOME/.claude.json} and {@code $HOME/.claude/}, which is what
 * users have and what the captures were taken with. A test of {@code CLAUDE_CONFIG_DIR} passes it as an
 * extra variable and writes its files itself.
 */
public final class ClaudeHome {

    /** Any {@code sk-ant-} string works with the fake API; claude remembers approval by its last 20 chars. */
    public static final String API_KEY = "sk-ant-test-0123456789abcdefghijKLMNOP";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path home;

    private ClaudeHome(Path home) {
        this.home = home;
    }

    /** Creates (or completes) a claude home in {@code dir}, keeping whatever is already there. */
    public static ClaudeHome create(Path dir) {
        try {
            Files.createDirectories(dir.resolve(".claude"));
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a claude home in " + dir, e);
        }
        ClaudeHome claudeHome = new ClaudeHome(dir.toAbsolutePath());
        claudeHome.updateClaudeJson(root -> {
            root.put("hasCompletedOnboarding", true);
            ObjectNode responses = object(root, "customApiKeyResponses");
            ArrayNode approved = array(responses, "approved");
            String suffix = API_KEY.substring(API_KEY.length() - 20);
            if (!contains(approved, suffix)) {
                approved.add(suffix);
            }
            array(responses, "rejected");
            object(root, "projects");
        });
        if (!Files.exists(claudeHome.settingsJson())) {
            claudeHome.updateSettings(settings -> {});
        }
        return claudeHome;
    }

    public Path home() {
        return home;
    }

    public Path claudeJson() {
        return home.resolve(".claude.json");
    }

    /** {@code $HOME/.claude}: settings, transcripts ({@code projects/}), session state. */
    public Path configDir() {
        return home.resolve(".claude");
    }

    public Path settingsJson() {
        return configDir().resolve("settings.json");
    }

    public Path tmpDir() {
        return home.resolve("tmp");
    }

    /**
     * Marks {@code dir} trusted (no trust dialog in interactive mode; hooks only run once trusted). Both the
     * given absolute path and its real path are registered, as claude keys projects by the exact cwd.
     */
    public ClaudeHome trustProject(Path dir) {
        updateClaudeJson(root -> {
            ObjectNode projects = object(root, "projects");
            for (String key : pathKeys(dir)) {
                object(projects, key).put("hasTrustDialogAccepted", true);
            }
        });
        return this;
    }

    /** Appends a command hook for {@code event} (e.g. "Stop") to the user settings. */
    public ClaudeHome addHook(String event, String command) {
        return addHook(event, command, Map.of());
    }

    /** Appends a command hook with extra fields such as {@code timeout}, {@code async}, {@code asyncRewake}. */
    public ClaudeHome addHook(String event, String command, Map<String, Object> extra) {
        updateSettings(settings -> {
            ObjectNode hook = JSON.createObjectNode().put("type", "command").put("command", command);
            extra.forEach((key, value) -> hook.set(key, JSON.valueToTree(value)));
            ObjectNode group = array(object(settings, "hooks"), event).addObject();
            group.putArray("hooks").add(hook);
        });
        return this;
    }

    /** Adds permission rules such as {@code "mcp__claudemesh"} to {@code permissions.allow}. */
    public ClaudeHome allowTools(String... rules) {
        updateSettings(settings -> {
            ArrayNode allow = array(object(settings, "permissions"), "allow");
            for (String rule : rules) {
                if (!contains(allow, rule)) {
                    allow.add(rule);
                }
            }
        });
        return this;
    }

    public ObjectNode readClaudeJson() {
        return read(claudeJson());
    }

    public ObjectNode readSettings() {
        return read(settingsJson());
    }

    public void updateClaudeJson(Consumer<ObjectNode> change) {
        update(claudeJson(), change);
    }

    public void updateSettings(Consumer<ObjectNode> change) {
        update(settingsJson(), change);
    }

    /** Where claude writes the transcript of {@code sessionId} started in {@code cwd}. */
    public Path transcriptPath(Path cwd, String sessionId) {
        String project = cwd.toAbsolutePath().toString().replaceAll("[^A-Za-z0-9]", "-");
        return configDir().resolve("projects").resolve(project).resolve(sessionId + ".jsonl");
    }

    /**
     * The complete environment for a claude child process: built from scratch (nothing of the test JVM's
     * environment leaks in, e.g. an outer session's {@code CLAUDECODE}), with {@code PATH} inherited so
     * hooks can find {@code sh} and {@code java}. Add test variables such as {@code CLAUDEMESH_HOME} on top.
     */
    public Map<String, String> environment(URI apiBaseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        // CLAUDEMESH_PORT: the test run's (0, pom.xml): a daemon its hooks start never takes the default port
        for (String inherited : new String[] {"JAVA_HOME", "USER", "LOGNAME", "CLAUDEMESH_PORT"}) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmpDir().toString());
        env.put("LANG", "C.UTF-8");
        env.put("ANTHROPIC_BASE_URL", apiBaseUrl.toString());
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        return env;
    }

    private static String[] pathKeys(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Path real = absolute.toRealPath();
            return real.equals(absolute)
                    ? new String[] {absolute.toString()}
                    : new String[] {absolute.toString(), real.toString()};
        } catch (IOException e) {
            return new String[] {absolute.toString()};
        }
    }

    private static ObjectNode read(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return JSON.createObjectNode();
            }
            JsonNode node = JSON.readTree(file.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(file + " does not hold a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static synchronized void update(Path file, Consumer<ObjectNode> change) {
        ObjectNode root = read(file);
        change.accept(root);
        try {
            Path temp =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ObjectNode object ? object : parent.putObject(field);
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ArrayNode array ? array : parent.putArray(field);
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
