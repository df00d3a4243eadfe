package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.AllSearchQuery;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRoutesTest {
    @TempDir
    static Path tmp;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String ended;

    @BeforeAll
    static void start() throws Exception {
        Path claudeDir = tmp.resolve("claude");
        new TranscriptFixture("sess-old", "/home/u/api")
                .prompt("why is the flaky migration failing")
                .assistant("The migration races the seed job.")
                .writeUnder(claudeDir);
        Path known = new TranscriptFixture("sess-known", "/home/u/web")
                .prompt("unrelated")
                .prompt("check the flaky login test")
                .writeUnder(claudeDir);
        d = TestDaemon.start(tmp.resolve("mesh"), claudeDir);
        ended = d.client
                .post(
                        "/v1/sessions",
                        Map.of(
                                "session_id",
                                "sess-known",
                                "pid",
                                sleepers.start(),
                                "cwd",
                                "/home/u/web",
                                "transcript_path",
                                known.toString()))
                .path("session")
                .path("id")
                .asText();
        d.client.post("/v1/sessions/" + ended + "/end", Map.of("reason", "logout"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> d.client.indexStatus().path("ready").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    static JsonNode search(String q, String folder, String since, boolean regex, Integer limit) throws Exception {
        return d.client.searchAll(new AllSearchQuery(q, folder, since, regex, limit));
    }

    @Test
    void search_answers_in_the_contract_shape() throws Exception {
        JsonNode r = search("flaky migration", null, null, false, null);

        assertThat(r.path("hits")).hasSize(1);
        JsonNode h = r.path("hits").get(0);
        assertThat(h.path("id").asText()).isEqualTo("sess-old");
        assertThat(h.path("session_id").asText()).isEqualTo("sess-old");
        assertThat(h.has("claude_id")).isTrue();
        assertThat(h.path("claude_id").isNull()).isTrue();
        assertThat(h.path("folder").asText()).isEqualTo("api");
        assertThat(h.path("cwd").asText()).isEqualTo("/home/u/api");
        assertThat(h.path("turn").asInt()).isEqualTo(1);
        assertThat(h.path("time").asText()).isEqualTo("2026-11-26T10:00:01Z");
        assertThat(h.path("role").asText()).isEqualTo("user");
        assertThat(h.path("snippet").asText()).isEqualTo("why is the flaky migration failing");
        assertThat(h.path("highlights").toString()).isEqualTo("[[11,16],[17,26]]");
        assertThat(r.path("took_ms").isNumber()).isTrue();
        assertThat(r.path("truncated").asBoolean()).isFalse();
        assertThat(r.path("index").path("ready").asBoolean()).isTrue();
        assertThat(r.path("index").path("lag_ms").isNumber()).isTrue();
    }

    @Test
    void a_session_claudemesh_knew_is_named_by_its_claudemesh_id_and_its_turns_still_read() throws Exception {
        JsonNode h = search("login", "WEB", "3650d", false, 5).path("hits").get(0);
        assertThat(h.path("id").asText()).isEqualTo(ended);
        assertThat(h.path("claude_id").asText()).isEqualTo(ended);
        assertThat(h.path("turn").asInt()).isEqualTo(2);

        JsonNode byClaudeId = d.client.turn(h.path("id").asText(), 2);
        assertThat(byClaudeId.path("turn").path("entries").get(0).path("text").asText())
                .isEqualTo("check the flaky login test");
        assertThat(byClaudeId.path("session").path("folder").asText()).isEqualTo("web");
        JsonNode bySessionId = d.client.turn("sess-old", 1);
        assertThat(bySessionId.path("turn").path("index").asInt()).isEqualTo(1);
        assertThat(bySessionId.path("session").path("id").asText()).isEqualTo("sess-old");
        assertThat(catchThrowableOfType(ApiException.class, () -> d.client.turn("sess-old", 9))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void bad_input_is_a_400_with_a_sentence() {
        for (String path : List.of(
                "/v1/search",
                "/v1/search?q=%22%2A%22",
                "/v1/search?q=x&limit=0",
                "/v1/search?q=x&limit=abc",
                "/v1/search?q=x&since=yesterday",
                "/v1/search?q=x&regex=maybe",
                "/v1/search?q=(unclosed&regex=true")) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> d.client.get(path));
            assertThat(e).as(path).isNotNull();
            assertThat(e.status()).as(path).isEqualTo(400);
            assertThat(e.getMessage()).as(path).isNotBlank();
        }
    }

    @Test
    void fts5_operators_in_a_query_are_plain_words() throws Exception {
        for (String q : List.of("NEAR(flaky migration)", "flaky AND", "-flaky", "col:flaky", "flaky^", "\"flaky")) {
            assertThat(search(q, null, null, false, null).path("hits").isArray())
                    .as(q)
                    .isTrue();
        }
    }

    @Test
    void status_reports_files_turns_size_and_no_error() throws Exception {
        JsonNode s = d.client.indexStatus();
        assertThat(s.path("files").asInt()).isEqualTo(2);
        assertThat(s.path("turns").asInt()).isEqualTo(3);
        assertThat(s.path("index_bytes").asLong()).isPositive();
        assertThat(s.path("last_error").isNull()).isTrue();
    }
}
