package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.mesh.BuiltinGuidance;
import dev.claudemesh.message.MessageRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's own cross-session messaging next to claudemesh, with the real claude 2.1.332 offline (API key,
 * {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}): the built-in is on there, claudemesh learns each
 * session's ListAgents name, tells the model which system is for what, and a claudemesh task and a built-in
 * message sent to the same idle session at the same time each arrive exactly once.
 */
class BuiltinMessagingIT {
    static final Duration T = Duration.ofSeconds(60);
    static final Pattern SELF = Pattern.compile("This session is (\\S+) \\[");
    static final Pattern PEER = Pattern.compile("^\\s+(\\S+) \\[[0-9a-f]+\\]\\s+·\\s+interactive", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    MeshWorld w;

    @BeforeEach
    void setUp() throws Exception {
        w = new MeshWorld(tmp);
        MeshWorld.Run r = w.install();
        assertThat(r.code()).as(r.err()).isZero();
        // offline, an unlisted SendMessage waits for a server-side safety check that never comes
        w.home.allowTools("SendMessage", "ListAgents");
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void list_shows_the_builtin_name_next_to_the_claudemesh_id_and_the_model_is_told_what_each_is_for()
            throws Exception {
        // both folders trusted before any claude runs: a running claude rewrites .claude.json and may drop a
        // trust entry written meanwhile
        Path alpha = w.folder("alpha");
        Path beta = w.folder("beta");
        // beta first, so alpha's SessionStart already knows beta and its built-in name
        try (ClaudeProcess cb = w.interactive(beta)) {
            JsonNode b = awaitBuiltinName("beta");
            try (ClaudeProcess ca = w.interactive(alpha)) {
                JsonNode a = awaitBuiltinName("alpha");
                listAndContext(ca, a, b);
            }
        }
    }

    private void listAndContext(ClaudeProcess ca, JsonNode a, JsonNode b) throws Exception {
        w.api.respondWith(Responder.text("ok")
                .when(
                        r -> r.isMain()
                                && r.promptText().contains("LIST-AGENTS")
                                && r.toolResults().isEmpty(),
                        Reply.toolUse("ListAgents", "{}")));
        ca.submit("LIST-AGENTS please");
        RecordedRequest listed = w.api.awaitRequest(
                r -> r.isMain()
                        && r.containsText("LIST-AGENTS")
                        && !r.toolResults().isEmpty(),
                T);
        String result = listed.toolResults().stream()
                .map(t -> MessageText.ofContent(t.path("content")))
                .filter(t -> t.contains("This session is"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ListAgents result in " + listed.messagesText()));
        assertThat(group(SELF, result)).isEqualTo(a.path("builtin_name").asText());
        assertThat(group(PEER, result)).isEqualTo(b.path("builtin_name").asText());

        MeshWorld.Run list = w.cli("list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode sessions = new ObjectMapper().readTree(list.out());
        assertThat(sessions).hasSize(2);
        for (JsonNode s : sessions) {
            assertThat(s.path("id").asText())
                    .isIn(a.path("id").asText(), b.path("id").asText());
            assertThat(s.path("builtin_messaging").asBoolean()).isTrue();
            assertThat(s.path("builtin_name").asText())
                    .isEqualTo((s.path("folder").asText().equals("alpha") ? a : b)
                            .path("builtin_name")
                            .asText());
        }
        MeshWorld.Run table = w.cli("list");
        assertThat(table.out())
                .contains("BUILT-IN")
                .containsPattern(a.path("id").asText() + "\\s+alpha\\s.*"
                        + a.path("builtin_name").asText());

        // the SessionStart context the model received, as the fake API saw it
        String context = listed.messagesText();
        assertThat(context)
                .contains("you are session " + a.path("id").asText())
                .contains("built-in name " + a.path("builtin_name").asText())
                .contains(b.path("id").asText() + " (beta, built-in "
                        + b.path("builtin_name").asText() + ")")
                .contains(BuiltinGuidance.BOTH);
        // ... and the MCP server's instructions, worded by the MCP server from its own environment (on a loaded
        // machine it may still be connecting at the first prompt: prompt again until claude lists them)
        String instructions = mcpInstructions(ca, listed.claudeSessionId());
        assertThat(instructions).contains(BuiltinGuidance.BOTH);
    }

    @Test
    void a_claudemesh_task_and_a_builtin_message_to_the_same_idle_session_each_arrive_exactly_once() throws Exception {
        Path alpha = w.folder("alpha");
        Path beta = w.folder("beta");
        try (ClaudeProcess ca = w.interactive(alpha);
                ClaudeProcess cb = w.interactive(beta)) {
            awaitBuiltinName("alpha");
            JsonNode b = awaitBuiltinName("beta");
            String bid = b.path("id").asText();
            String betaSession = b.path("session_id").asText();
            cb.submit("settle down");
            w.api.awaitMainRequestContaining("settle down", T);
            w.awaitIdle(bid, true);
            Thread.sleep(1_000); // the background waiter started by that Stop is attached and parked

            String builtinBody = "BUILTIN-MSG-" + System.nanoTime() + " check the build";
            w.api.respondWith(Responder.text("ok")
                    .when(
                            r -> r.isMain()
                                    && r.promptText().contains("SEND-NOW")
                                    && r.toolResults().isEmpty(),
                            Reply.toolUse(
                                    "SendMessage",
                                    new ObjectMapper()
                                            .createObjectNode()
                                            .put("to", b.path("builtin_name").asText())
                                            .put("message", builtinBody))));
            ca.submit("SEND-NOW to beta");
            String task = "MESH-TASK-" + System.nanoTime() + " run the linter";
            MeshWorld.Run sent = w.cli("send", bid, task);
            assertThat(sent.code()).as(sent.err()).isZero();
            String mid = sent.out().trim();

            await().atMost(T).untilAsserted(() -> {
                String conversation = latestOf(betaSession).messagesText();
                assertThat(conversation).contains(task).contains(builtinBody);
            });
            await().atMost(T)
                    .until(() -> "acked"
                            .equals(w.client()
                                    .get("/v1/messages/" + mid)
                                    .path("message")
                                    .path("state")
                                    .asText()));
            w.awaitIdle(bid, true);
            Thread.sleep(3_000); // room for a duplicate to show up, if any would
            RecordedRequest last = latestOf(betaSession);
            assertThat(userMessagesContaining(last, task))
                    .as(last.messagesText())
                    .isEqualTo(1);
            assertThat(userMessagesContaining(last, builtinBody))
                    .as(last.messagesText())
                    .isEqualTo(1);
            assertThat(last.messagesText()).contains(MessageRenderer.SAFETY);
        }
    }

    private String mcpInstructions(ClaudeProcess claude, String claudeSessionId) throws Exception {
        long until = System.nanoTime() + T.toNanos();
        for (int i = 0; System.nanoTime() < until; i++) {
            RecordedRequest last = latestOf(claudeSessionId);
            String text = last.messagesText();
            int at = text.indexOf("## claudemesh");
            if (at >= 0) {
                return text.substring(at);
            }
            Thread.sleep(2_000);
            String marker = "PING-" + i;
            claude.submit(marker);
            w.api.awaitRequest(r -> r.isMain() && r.promptText().contains(marker), T);
        }
        throw new AssertionError("claude never listed the claudemesh MCP server's instructions");
    }

    private JsonNode awaitBuiltinName(String folder) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await().atMost(T).pollInterval(Duration.ofMillis(100)).until(() -> {
            found[0] = w.awaitSession(folder);
            return found[0].path("builtin_messaging").asBoolean()
                    && found[0].path("builtin_name").isTextual();
        });
        return found[0];
    }

    private RecordedRequest latestOf(String claudeSessionId) {
        List<RecordedRequest> mine = w.api.mainRequests().stream()
                .filter(r -> claudeSessionId.equals(r.claudeSessionId()))
                .toList();
        assertThat(mine)
                .as("main requests of claude session " + claudeSessionId)
                .isNotEmpty();
        return mine.get(mine.size() - 1);
    }

    /** How many user turns of the conversation carry {@code text} (one per delivery). */
    private static long userMessagesContaining(RecordedRequest r, String text) {
        return r.messages().stream()
                .filter(m -> "user".equals(m.path("role").asText()))
                .filter(m -> MessageText.of(List.of(m)).contains(text))
                .count();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text).isTrue();
        return m.group(1);
    }
}
