package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.AllSearchQuery;
import dev.claudemesh.cli.CliMain;
import dev.claudemesh.cli.InstallCommand;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search across every session with transcripts the real claude wrote (pinned, offline, fake API): sessions in
 * several folders, one of them ended before the daemon that indexes it started (its index thrown away), found by
 * {@code claudemesh search --all} and by the model through MCP {@code search_history} with id {@code "*"}, whose
 * hit id then reads the ended session's turn with {@code get_turn}.
 */
class SearchAllClaudeE2EIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_PART = TranscriptFixture.FAKE_KEY.substring(13, 40);

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private ClaudeHome home;
    private TestDaemon daemon;
    private Path mesh;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        mesh = tmp.resolve("mesh");
        home = ClaudeHome.create(tmp.resolve("home"));
        install();
        daemon = TestDaemon.start(mesh, home.configDir());
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        api.close();
    }

    private void install() {
        String jar = System.getProperty("claudemesh.jar");
        assertThat(jar).as("system property claudemesh.jar (the shaded jar)").isNotNull();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new picocli.CommandLine(new InstallCommand(env(), new PrintWriter(out), new PrintWriter(err)))
                .execute("--jar", jar, "--no-cds");
        assertThat(code).as("claudemesh install: " + out + err).isZero();
    }

    private Map<String, String> env() {
        return Map.of(
                "HOME", home.home().toString(),
                "CLAUDEMESH_HOME", mesh.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private Path folder(String name) throws Exception {
        Path p = Files.createDirectories(tmp.resolve("work").resolve(name));
        home.trustProject(p);
        return p;
    }

    private PrintResult print(Path cwd, String prompt) {
        PrintResult r = ClaudeProcess.builder(home, api)
                .cwd(cwd)
                .env("CLAUDEMESH_HOME", mesh.toString())
                .env("CLAUDEMESH_WAITER_SECONDS", "2")
                .runPrint(prompt, TIMEOUT);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private JsonNode searchAll(String q) throws Exception {
        return daemon.client.searchAll(new AllSearchQuery(q, null, null, false, 20));
    }

    @Test
    void sessions_of_several_folders_live_and_ended_are_found_by_the_cli_and_through_mcp() throws Exception {
        api.respondWith(r -> Reply.text("noted"));
        Path gamma = folder("gamma");
        print(gamma, "the pelican orchard migration keeps failing; the key is " + TranscriptFixture.FAKE_KEY);

        // The daemon that indexes it starts after the session ended, with no index at all.
        daemon.close();
        daemon = null;
        try (Stream<Path> files = Files.list(mesh)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("index.db"))
                    .toList()) {
                Files.delete(p);
            }
        }
        daemon = TestDaemon.start(mesh, home.configDir());
        Path delta = folder("delta");
        print(delta, "run the pelican smoke tests in delta");

        await().atMost(TIMEOUT).until(() -> searchAll("pelican").path("hits").size() >= 2);
        JsonNode gammaHit = hitIn(searchAll("pelican orchard"), "gamma");
        assertThat(gammaHit.path("role").asText()).isEqualTo("user");
        assertThat(gammaHit.path("turn").asInt()).isEqualTo(1);
        assertThat(gammaHit.path("claude_id").asText()).matches("[a-z0-9]{8}");
        assertThat(gammaHit.path("id").asText())
                .isEqualTo(gammaHit.path("claude_id").asText());
        assertThat(gammaHit.path("cwd").asText()).isEqualTo(gamma.toString());
        assertThat(gammaHit.path("snippet").asText())
                .contains("sk-ant-…[REDACTED]")
                .doesNotContain(SECRET_PART);
        assertThat(hitIn(searchAll("pelican"), "delta").path("session_id").asText())
                .isNotBlank();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(
                new String[] {"search", "--all", "pelican", "--folder", "gamma", "--json"},
                env(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        JsonNode cli = JSON.readTree(out.toString());
        assertThat(cli.path("hits")).hasSize(1);
        assertThat(cli.path("hits").get(0).path("folder").asText()).isEqualTo("gamma");
        assertThat(out.toString()).doesNotContain(SECRET_PART);

        String id = gammaHit.path("id").asText();
        Path alpha = folder("alpha");
        api.respondWith(r -> {
            if (!r.isMain() || !r.workingDirectory().orElse("").equals(alpha.toString())) {
                return Reply.text("ok");
            }
            return switch (r.toolResults().size()) {
                case 0 ->
                    Reply.toolUse("mcp__claudemesh__search_history", "{\"id\":\"*\",\"query\":\"orchard migration\"}");
                case 1 -> Reply.toolUse("mcp__claudemesh__get_turn", "{\"id\":\"" + id + "\",\"turn_index\":1}");
                default -> Reply.text("found it");
            };
        });
        print(alpha, "which session talked about the orchard migration?");
        RecordedRequest last = api.awaitRequest(
                r -> r.isMain()
                        && r.toolResults().size() == 2
                        && r.workingDirectory().orElse("").equals(alpha.toString()),
                TIMEOUT);
        List<JsonNode> results = last.toolResults();
        JsonNode found = toolJson(results.get(0));
        assertThat(hitIn(found, "gamma").path("id").asText()).isEqualTo(id);
        // the asking session's own prompt, seconds old, is found too
        assertThat(hitIn(found, "alpha").path("snippet").asText()).contains("orchard migration");
        JsonNode turn = toolJson(results.get(1));
        assertThat(turn.path("turn").path("entries").get(0).path("text").asText())
                .contains("pelican orchard migration")
                .contains("sk-ant-…[REDACTED]")
                .doesNotContain(SECRET_PART);
        assertThat(results.toString()).doesNotContain(SECRET_PART);

        daemon.close();
        daemon = null;
        try (Stream<Path> files = Files.list(mesh)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("index.db"))
                    .toList()) {
                assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1))
                        .as(p.toString())
                        .doesNotContainIgnoringCase(SECRET_PART);
            }
        }
    }

    private static JsonNode hitIn(JsonNode result, String folder) {
        for (JsonNode h : result.path("hits")) {
            if (h.path("folder").asText().equals(folder)) {
                return h;
            }
        }
        throw new AssertionError("no hit in folder " + folder + ": " + result);
    }

    private static JsonNode toolJson(JsonNode toolResult) throws Exception {
        assertThat(toolResult.path("is_error").asBoolean(false))
                .as(toolResult.toString())
                .isFalse();
        JsonNode content = toolResult.path("content");
        String text = content.isTextual()
                ? content.asText()
                : content.path(0).path("text").asText();
        return JSON.readTree(text);
    }
}
