package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.cli.InstallCommand;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claudemesh MCP tools inside the real claude (pinned, offline, fake API), wired by a real
 * {@code claudemesh install}: two sessions alive at once, A in folder {@code alpha} and B in folder {@code beta}.
 * B runs in print mode with its first model reply held, so it stays alive (and busy) while A's fake model uses
 * the tools.
 */
class McpClaudeE2EIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String B_PROMPT =
            "Remember the deploy key " + TranscriptFixture.FAKE_KEY + " and review the parser design";

    @TempDir
    Path tmp;

    private FakeAnthropicApi api;
    private ClaudeHome home;
    private TestDaemon daemon;
    private Path alpha;
    private Path beta;
    private Path mesh;

    @BeforeEach
    void setUp() throws Exception {
        api = FakeAnthropicApi.start();
        alpha = Files.createDirectories(tmp.resolve("alpha"));
        beta = Files.createDirectories(tmp.resolve("beta"));
        mesh = tmp.resolve("mesh");
        home = ClaudeHome.create(tmp.resolve("home"));
        install();
        home.trustProject(alpha).trustProject(beta);
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
        Map<String, String> env = Map.of(
                "HOME", home.home().toString(),
                "CLAUDEMESH_HOME", mesh.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        int code = new picocli.CommandLine(new InstallCommand(env, new PrintWriter(out), new PrintWriter(err)))
                // JVM hooks: this test's daemon runs inside the test JVM, whose command line does not name
                // claudemesh, so the thin hooks would (rightly) not trust it with the token
                .execute("--jar", jar, "--no-cds", "--hooks", "jvm");
        assertThat(code).as("claudemesh install: " + out + err).isZero();
        assertThat(home.readClaudeJson().path("mcpServers").has("claudemesh")).isTrue();
    }

    /**
     * In print mode claude waits for the background Stop waiter (an asyncRewake hook) before it exits, and the
     * waiter lives up to an hour by default: a short budget lets {@code -p} sessions end.
     */
    private ClaudeProcessBuilder claude(Path cwd) {
        return ClaudeProcess.builder(home, api)
                .cwd(cwd)
                .env("CLAUDEMESH_HOME", mesh.toString())
                .env("CLAUDEMESH_WAITER_SECONDS", "2");
    }

    /** Replies for A by how many tool results its request carries; B's first turn is held; the rest say "ok". */
    private void script(Hold bFirstTurn, Function<Integer, Reply> aByToolResults) {
        api.respondWith(r -> {
            if (!r.isMain()) {
                return Reply.text("ok");
            }
            String cwd = r.workingDirectory().orElse("");
            if (cwd.equals(alpha.toString())) {
                return aByToolResults.apply(r.toolResults().size());
            }
            if (cwd.equals(beta.toString()) && r.lastTurnText().contains(B_PROMPT)) {
                return Reply.hold(bFirstTurn);
            }
            return Reply.text("ok");
        });
    }

    /** Starts B and waits until its first turn is held, it is registered and its transcript has the prompt. */
    private JsonNode startB(ClaudeProcess b, Hold hold) throws Exception {
        hold.awaitHeld(TIMEOUT);
        long until = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            Optional<JsonNode> session = daemon.sessions().stream()
                    .filter(s -> s.path("cwd").asText().equals(beta.toString()))
                    .findFirst();
            if (session.isPresent() && session.get().hasNonNull("transcript_path")) {
                Path transcript = Path.of(session.get().path("transcript_path").asText());
                if (Files.exists(transcript)
                        && Files.readString(transcript, StandardCharsets.UTF_8).contains("review the parser design")) {
                    return session.get();
                }
            }
            assertThat(b.isAlive()).as("B is alive; stderr: " + b.stderr()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("B never registered with its transcript; sessions: " + daemon.sessions());
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

    @Test
    void a_lists_instances_then_sends_b_a_task_by_folder_name_and_b_gets_it_on_its_next_request() throws Exception {
        Hold hold = Hold.then(Reply.text("B reviewed the design"));
        script(hold, toolResults -> switch (toolResults) {
            case 0 -> Reply.toolUse("mcp__claudemesh__list_instances", "{}");
            case 1 ->
                Reply.toolUse(
                        "mcp__claudemesh__send_message",
                        "{\"to\":\"beta\",\"body\":\"TASK-7781: run the parser tests and report back\",\"kind\":\"task\"}");
            default -> Reply.text("A is done");
        });
        try (ClaudeProcess b = claude(beta).startPrint(B_PROMPT)) {
            JsonNode bSession = startB(b, hold);
            String bId = bSession.path("id").asText();

            PrintResult a = claude(alpha).runPrint("coordinate with the beta session", TIMEOUT);
            assertThat(a.exitCode()).as(a.stderr()).isZero();

            RecordedRequest afterSend = api.awaitRequest(
                    r -> r.isMain()
                            && r.toolResults().size() == 2
                            && r.workingDirectory().orElse("").equals(alpha.toString()),
                    TIMEOUT);
            List<JsonNode> results = afterSend.toolResults();
            JsonNode listed = toolJson(results.get(0));
            assertThat(listed.path("sessions").toString()).contains(bId, "\"folder\":\"beta\"", "\"folder\":\"alpha\"");
            String aId = listed.path("self").asText();
            assertThat(aId).matches("[a-z0-9]{8}").isNotEqualTo(bId);
            JsonNode sent = toolJson(results.get(1));
            assertThat(sent.path("to").path("id").asText()).isEqualTo(bId);
            assertThat(sent.path("status").asText()).contains(bId);
            assertThat(sent.path("id").asText()).matches("m_[a-z0-9]{12}");

            hold.release();
            RecordedRequest bNext = api.awaitMainRequestContaining("TASK-7781", TIMEOUT);
            assertThat(bNext.workingDirectory()).hasValue(beta.toString());
            assertThat(bNext.lastTurnText())
                    .contains("TASK-7781: run the parser tests and report back", "kind=\"task\" from=\"" + aId);
            b.awaitExit(TIMEOUT);
        }
    }

    @Test
    void a_reads_and_searches_bs_history_and_sees_bs_prompt_with_the_key_masked() throws Exception {
        Hold hold = Hold.then(Reply.text("B reviewed the design"));
        script(hold, toolResults -> switch (toolResults) {
            case 0 -> Reply.toolUse("mcp__claudemesh__read_history", "{\"id\":\"beta\",\"last_n_turns\":5}");
            case 1 ->
                Reply.toolUse(
                        "mcp__claudemesh__search_history",
                        "{\"id\":\"beta\",\"query\":\"DEPLOY KEY\",\"options\":{\"context_turns\":1}}");
            default -> Reply.text("A has read the history");
        });
        try (ClaudeProcess b = claude(beta).startPrint(B_PROMPT)) {
            JsonNode bSession = startB(b, hold);

            PrintResult a = claude(alpha).runPrint("what is beta working on?", TIMEOUT);
            assertThat(a.exitCode()).as(a.stderr()).isZero();

            RecordedRequest last = api.awaitRequest(
                    r -> r.isMain()
                            && r.toolResults().size() == 2
                            && r.workingDirectory().orElse("").equals(alpha.toString()),
                    TIMEOUT);
            JsonNode history = toolJson(last.toolResults().get(0));
            assertThat(history.path("session").path("id").asText())
                    .isEqualTo(bSession.path("id").asText());
            assertThat(history.path("turns").toString())
                    .contains("review the parser design", "Remember the deploy key sk-ant-")
                    .doesNotContain(TranscriptFixture.FAKE_KEY);
            JsonNode search = toolJson(last.toolResults().get(1));
            assertThat(search.path("count").asInt()).isPositive();
            assertThat(search.path("hits").get(0).path("turn_index").asInt()).isEqualTo(1);
            assertThat(search.path("hits").get(0).path("snippet").asText())
                    .containsIgnoringCase("deploy key")
                    .doesNotContain(TranscriptFixture.FAKE_KEY);
            assertThat(last.rawBody()).doesNotContain(TranscriptFixture.FAKE_KEY.substring(20));
            hold.release();
            b.awaitExit(TIMEOUT);
        }
    }
}
