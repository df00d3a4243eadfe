package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MCP Inspector CLI (npm {@code @modelcontextprotocol/inspector}, pinned), a real MCP client, driving
 * {@code claudemesh mcp} from the shaded jar. Found like the e2e harness finds claude: system property
 * {@code claudemesh.inspector.bin}, else env {@code CLAUDEMESH_TEST_INSPECTOR}, else
 * {@code ~/.cache/claudemesh-test/npm/node_modules/.bin/mcp-inspector}; missing → the test fails with instructions.
 */
final class McpInspector {
    static final String PINNED_VERSION = "2.12.0";
    static final String PROPERTY = "claudemesh.inspector.bin";
    static final String ENV = "CLAUDEMESH_TEST_INSPECTOR";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path bin;
    private final Path home;
    private final List<String> server;
    private final Map<String, String> serverEnv;

    /** One inspector invocation: exit code, the JSON it printed on stdout (or missing), and stderr. */
    record Result(int exit, JsonNode json, String stdout, String stderr) {
        boolean isError() {
            return json.path("result").path("isError").asBoolean(false);
        }

        String text() {
            return json.path("result").path("content").path(0).path("text").asText();
        }

        JsonNode textJson() throws IOException {
            return JSON.readTree(text());
        }
    }

    /**
     * @param home a throwaway HOME for the inspector (it keeps a catalog and client config there)
     * @param serverEnv environment variables for the MCP server process (the inspector passes only these and a
     *     few basics such as PATH and HOME)
     */
    McpInspector(Path home, Map<String, String> serverEnv) {
        this(home, serverEnv, serverCommand());
    }

    /** @param server the MCP server's command (e.g. the thin launcher's {@code mcp}) */
    McpInspector(Path home, Map<String, String> serverEnv, List<String> server) {
        this.bin = locate();
        this.home = home;
        this.serverEnv = Map.copyOf(serverEnv);
        this.server = List.copyOf(server);
    }

    static Path locate() {
        String property = System.getProperty(PROPERTY);
        String env = System.getenv(ENV);
        Path path;
        String source;
        if (property != null && !property.isBlank()) {
            path = Path.of(property);
            source = "system property " + PROPERTY;
        } else if (env != null && !env.isBlank()) {
            path = Path.of(env);
            source = "environment variable " + ENV;
        } else {
            path = dev.claudemesh.support.TestCache.npmBin("mcp-inspector");
            source = "the default location";
            dev.claudemesh.support.TestDeps.ensure(path);
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError("The MCP Inspector " + PINNED_VERSION + " is not installed at " + path + " ("
                    + source + "): run .ci/install-test-deps, or point -D" + PROPERTY + " or " + ENV
                    + " at its mcp-inspector binary.");
        }
        return path;
    }

    /** {@code java <launcher's hot-path flags> -jar <claudemesh.jar> mcp}, the jar from system property claudemesh.jar. */
    static List<String> serverCommand() {
        String jar = System.getProperty("claudemesh.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("system property claudemesh.jar must name the built shaded jar (run `mvn verify`),"
                    + " got " + jar);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar, "mcp");
    }

    Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--cli", "--format", "json"));
        serverEnv.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.addAll(List.of(args));
        cmd.add("--");
        cmd.addAll(server);
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("MCP_CATALOG_PATH", home.resolve("mcp.json").toString());
        pb.environment()
                .put("MCP_CLIENT_CONFIG_PATH", home.resolve("client.json").toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile(home, "out", ".json");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the MCP Inspector did not finish within 60 s: " + cmd);
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = stdout.isBlank() ? MissingNode.getInstance() : JSON.readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError("the inspector printed something that is not JSON: " + stdout + "\n" + stderr, e);
        }
        return new Result(p.exitValue(), json, stdout, stderr);
    }

    Result call(String tool, String argsJson) throws Exception {
        return run("--method", "tools/call", "--tool-name", tool, "--tool-args-json", argsJson);
    }
}
