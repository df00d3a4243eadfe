package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRoutesTest {
    @TempDir
    static Path tmp;

    static Path claudeDir;
    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String alpha;

    @BeforeAll
    static void start() throws Exception {
        claudeDir = tmp.resolve("claude");
        d = TestDaemon.start(tmp.resolve("mesh"), claudeDir);
        Path transcript = new TranscriptFixture("sess-alpha", "/home/dev/alpha")
                .garbage("{not json")
                .prompt("Please refactor the parser module")
                .assistant("I will start with the tokenizer.")
                .toolUse("t1", "Bash", "{\"command\":\"cat .env\"}")
                .toolResult("t1", "ANTHROPIC_API_KEY=" + TranscriptFixture.FAKE_KEY)
                .assistant("Found the key file; moving on.")
                .prompt("Now add tests for the Lexer")
                .assistant("Added LexerTest with 12 cases.")
                .prompt("ship it")
                .assistant("Shipped version 1.4.")
                .writeUnder(claudeDir);
        alpha = register("sess-alpha", "/home/dev/alpha", transcript.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    static String register(String sessionId, String cwd, String transcriptPath) throws Exception {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("session_id", sessionId);
        req.put("pid", sleepers.start());
        req.put("cwd", cwd);
        if (transcriptPath != null) {
            req.put("transcript_path", transcriptPath);
        }
        return d.client.post("/v1/sessions", req).path("session").path("id").asText();
    }

    static JsonNode get(String path) throws Exception {
        return d.client.get(path);
    }

    static ApiException failure(String path) {
        return catchThrowableOfType(ApiException.class, () -> d.client.get(path));
    }

    @Test
    void history_returns_the_last_turns_oldest_first_with_the_key_masked() throws Exception {
        JsonNode h = get("/v1/sessions/" + alpha + "/history?last_n=3");
        assertThat(h.path("total_turns").asInt()).isEqualTo(3);
        assertThat(h.path("redacted").asBoolean()).isTrue();
        assertThat(h.path("session").path("id").asText()).isEqualTo(alpha);
        List<JsonNode> turns = list(h.path("turns"));
        assertThat(turns).extracting(t -> t.path("index").asInt()).containsExactly(1, 2, 3);
        JsonNode first = turns.get(0);
        assertThat(first.path("started_at").asText()).isEqualTo("2026-11-26T10:00:01Z");
        assertThat(first.path("entries").get(0).path("role").asText()).isEqualTo("user");
        assertThat(first.path("entries").get(0).path("text").asText()).isEqualTo("Please refactor the parser module");
        assertThat(first.toString()).contains("tool_use", "Bash").doesNotContain(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void history_defaults_to_the_last_ten_and_honours_last_n() throws Exception {
        assertThat(list(get("/v1/sessions/" + alpha + "/history").path("turns")))
                .hasSize(3);
        List<JsonNode> last =
                list(get("/v1/sessions/" + alpha + "/history?last_n=1").path("turns"));
        assertThat(last)
                .singleElement()
                .satisfies(t -> assertThat(t.path("index").asInt()).isEqualTo(3));
    }

    @Test
    void history_with_redact_false_is_raw() throws Exception {
        JsonNode h = get("/v1/sessions/" + alpha + "/history?redact=false");
        assertThat(h.path("redacted").asBoolean()).isFalse();
        assertThat(h.toString()).contains(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void a_folder_name_works_as_the_target() throws Exception {
        JsonNode h = get("/v1/sessions/ALPHA/history?last_n=1");
        assertThat(h.path("session").path("id").asText()).isEqualTo(alpha);
    }

    @Test
    void search_is_case_insensitive_and_says_turn_role_time_and_snippet() throws Exception {
        JsonNode r = get("/v1/sessions/" + alpha + "/search?q=" + DaemonClient.q("LEXER"));
        assertThat(r.path("complete").asBoolean()).isTrue();
        List<JsonNode> hits = list(r.path("hits"));
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).path("turn_index").asInt()).isEqualTo(2);
        assertThat(hits.get(0).path("role").asText()).isEqualTo("user");
        assertThat(hits.get(0).path("at").asText()).isEqualTo("2026-11-26T10:00:06Z");
        assertThat(hits.get(0).path("snippet").asText()).contains("tests for the Lexer");
        assertThat(hits.get(1).path("role").asText()).isEqualTo("assistant");
    }

    @Test
    void search_masks_secrets_in_snippets() throws Exception {
        JsonNode r = get("/v1/sessions/" + alpha + "/search?q=ANTHROPIC_API_KEY");
        assertThat(list(r.path("hits")))
                .singleElement()
                .satisfies(hit -> assertThat(hit.path("snippet").asText())
                        .contains("ANTHROPIC_API_KEY")
                        .doesNotContain(TranscriptFixture.FAKE_KEY));
    }

    @Test
    void search_options_regex_case_context_and_max_apply() throws Exception {
        String base = "/v1/sessions/" + alpha + "/search?q=";
        assertThat(list(get(base + "lexer&case_sensitive=true").path("hits"))).isEmpty();
        JsonNode regex = get(base + DaemonClient.q("version \\d+\\.\\d+") + "&regex=true&context=1");
        JsonNode hit = regex.path("hits").get(0);
        assertThat(hit.path("turn_index").asInt()).isEqualTo(3);
        assertThat(list(hit.path("context")))
                .extracting(c -> c.path("index").asInt())
                .contains(2);
        JsonNode capped = get(base + "e&max=1");
        assertThat(list(capped.path("hits"))).hasSize(1);
        assertThat(capped.path("reached_max_results").asBoolean()).isTrue();
    }

    @Test
    void a_regex_that_would_exhaust_the_heap_is_a_400_saying_why_and_the_daemon_keeps_serving() throws Exception {
        ApiException e =
                failure("/v1/sessions/" + alpha + "/search?regex=true&q=" + DaemonClient.q("((a{1000}){1000}){1000}"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("too complex").contains("limit");
        assertThat(get("/v1/health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void get_turn_returns_one_turn_whole() throws Exception {
        JsonNode t = get("/v1/sessions/" + alpha + "/turns/1");
        assertThat(t.path("turn").path("index").asInt()).isEqualTo(1);
        assertThat(list(t.path("turn").path("entries"))).hasSize(5);
        assertThat(t.toString()).doesNotContain(TranscriptFixture.FAKE_KEY);
        assertThat(get("/v1/sessions/" + alpha + "/turns/1?redact=false").toString())
                .contains(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void a_turn_outside_the_transcript_is_404_with_the_count() {
        ApiException e = failure("/v1/sessions/" + alpha + "/turns/9");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("3 turns");
    }

    @Test
    void bad_arguments_are_400_with_a_sentence() {
        String s = "/v1/sessions/" + alpha;
        Map<String, String> cases = Map.of(
                s + "/history?last_n=0", "last_n must be a whole number from 1 to 200",
                s + "/history?last_n=abc", "last_n must be a whole number",
                s + "/history?redact=maybe", "redact must be true or false",
                s + "/search", "q is required",
                s + "/search?q=x&context=21", "context must be a whole number from 0 to 20",
                s + "/search?q=x&max=0", "max must be a whole number from 1 to 1000",
                s + "/search?q=" + DaemonClient.q("(unclosed") + "&regex=true", "regular expression",
                s + "/turns/abc", "n must be a whole number",
                s + "/turns/0", "n must be a whole number of at least 1");
        cases.forEach((path, message) -> {
            ApiException e = failure(path);
            assertThat(e.status()).as(path).isEqualTo(400);
            assertThat(e.getMessage()).as(path).containsIgnoringCase(message);
        });
    }

    @Test
    void an_unknown_target_is_404_listing_live_sessions() {
        ApiException e = failure("/v1/sessions/nosuchfolder/history");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.body().path("candidates").toString()).contains(alpha);
    }

    @Test
    void an_ambiguous_folder_is_409_listing_both() throws Exception {
        String one = register("sess-twin1", "/home/a/twin", null);
        String two = register("sess-twin2", "/home/b/twin", null);
        ApiException e = failure("/v1/sessions/twin/history");
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.body().path("candidates").toString()).contains(one, two);
    }

    @Test
    void a_transcript_path_outside_the_projects_folder_is_refused() throws Exception {
        Path outside = new TranscriptFixture("sess-out", "/home/dev/out")
                .prompt("SECRET-OUTSIDE-TEXT")
                .writeTo(tmp.resolve("elsewhere/sess-out.jsonl"));
        String id = register("sess-out", "/home/dev/out", outside.toString());
        ApiException e = failure("/v1/sessions/" + id + "/history");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("projects folder").doesNotContain("SECRET-OUTSIDE-TEXT");
        assertThat(failure("/v1/sessions/" + id + "/search?q=SECRET").status()).isEqualTo(403);
        assertThat(failure("/v1/sessions/" + id + "/turns/1").status()).isEqualTo(403);
    }

    @Test
    void a_symlink_inside_the_projects_folder_pointing_outside_is_refused() throws Exception {
        Path outside = new TranscriptFixture("sess-link", "/home/dev/link")
                .prompt("LINKED-SECRET")
                .writeTo(tmp.resolve("elsewhere/target.jsonl"));
        Path link = new TranscriptFixture("sess-link", "/home/dev/link").pathUnder(claudeDir);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        String id = register("sess-link", "/home/dev/link", link.toString());
        ApiException e = failure("/v1/sessions/" + id + "/history");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.body().toString()).doesNotContain("LINKED-SECRET");
    }

    @Test
    void a_dot_dot_path_that_leaves_the_projects_folder_is_refused() throws Exception {
        Path outside = new TranscriptFixture("sess-dots", "/x")
                .prompt("DOTS-SECRET")
                .writeTo(tmp.resolve("elsewhere/dots.jsonl"));
        String sneaky = claudeDir.resolve("projects/../../elsewhere/dots.jsonl").toString();
        assertThat(Path.of(sneaky).normalize()).isEqualTo(outside.normalize());
        String id = register("sess-dots", "/home/dev/dots", sneaky);
        assertThat(failure("/v1/sessions/" + id + "/history").status()).isEqualTo(403);
    }

    @Test
    void a_transcript_not_written_yet_is_a_clear_404() throws Exception {
        Path future = new TranscriptFixture("sess-new", "/home/dev/fresh").pathUnder(claudeDir);
        String id = register("sess-new", "/home/dev/fresh", future.toString());
        ApiException e = failure("/v1/sessions/" + id + "/history");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("has no transcript yet");
    }

    @Test
    void without_a_reported_path_the_transcript_is_found_by_session_id() throws Exception {
        new TranscriptFixture("sess-nopath", "/home/dev/nopath")
                .prompt("found by its session id")
                .writeUnder(claudeDir);
        String id = register("sess-nopath", "/home/dev/nopath", null);
        JsonNode h = get("/v1/sessions/" + id + "/history");
        assertThat(h.toString()).contains("found by its session id");
        String none = register("sess-none", "/home/dev/none", null);
        ApiException e = failure("/v1/sessions/" + none + "/history");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("has no transcript under");
    }

    @Test
    void folder_names_with_spaces_work_when_percent_encoded() throws Exception {
        Path file = new TranscriptFixture("sess-space", "/home/dev/my project")
                .prompt("spaced out")
                .writeUnder(claudeDir);
        String id = register("sess-space", "/home/dev/my project", file.toString());
        JsonNode h = get("/v1/sessions/my%20project/history");
        assertThat(h.path("session").path("id").asText()).isEqualTo(id);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
