package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code claudemesh history} and {@code claudemesh search} in-process against a real daemon. */
class TranscriptCommandsTest {
    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String api;

    @BeforeAll
    static void start() throws Exception {
        Path claudeDir = home.resolve("claude");
        d = TestDaemon.start(home, claudeDir);
        Path transcript = new TranscriptFixture("cli-api", "/home/dev/api")
                .prompt("Build the billing endpoint")
                .toolUse("t1", "Bash", "{\"command\":\"env\"}")
                .toolResult("t1", "line one\nSTRIPE=" + TranscriptFixture.FAKE_KEY)
                .assistant("Endpoint /billing is live.")
                .prompt("Add pagination to invoices")
                .assistant("Pagination added with cursor tokens.")
                .prompt("Write the changelog")
                .assistant("Changelog written for version 2.0.")
                .writeUnder(claudeDir);
        api = d.client
                .post(
                        "/v1/sessions",
                        Map.of(
                                "session_id",
                                "cli-api",
                                "pid",
                                sleepers.start(),
                                "cwd",
                                "/home/dev/api",
                                "transcript_path",
                                transcript.toString()))
                .path("session")
                .path("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(
                args,
                Map.of("CLAUDEMESH_HOME", home.toString(), "HOME", home.toString()),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static String local(String iso) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
    }

    @Test
    void history_shows_turn_index_time_role_and_text_with_secrets_masked() {
        Run r = run("history", "api");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("session " + api + " (api, /home/dev/api): turns 1-3 of 3, redacted");
        assertThat(r.out())
                .contains("── turn 1 · " + local("2026-11-26T10:00:01Z") + " ──")
                .contains("user: Build the billing endpoint")
                .contains("tool_use Bash: {\"command\":\"env\"}")
                .contains("tool_result Bash: line one\n    STRIPE=")
                .contains("assistant: Changelog written for version 2.0.")
                .doesNotContain(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void history_n_limits_to_the_latest_turns_and_raw_keeps_secrets() {
        Run last = run("history", api, "-n", "1");
        assertThat(last.out()).contains("── turn 3 ·").doesNotContain("── turn 2 ·");
        assertThat(last.err()).contains("turns 3-3 of 3");
        assertThat(run("history", "api", "--raw").out()).contains(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void history_json_is_the_daemons_answer() throws Exception {
        Run r = run("history", "api", "--json", "-n", "2");
        JsonNode h = new ObjectMapper().readTree(r.out());
        assertThat(h.path("total_turns").asInt()).isEqualTo(3);
        assertThat(h.path("turns")).hasSize(2);
        assertThat(h.path("turns").get(0).path("entries").get(0).path("role").asText())
                .isEqualTo("user");
    }

    @Test
    void search_prints_one_line_per_hit_and_a_summary_on_stderr() {
        Run r = run("search", "api", "PAGINATION");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .containsExactly(
                        "turn 2  " + local("2026-11-26T10:00:05Z") + "  user  Add pagination to invoices",
                        "turn 2  " + local("2026-11-26T10:00:06Z")
                                + "  assistant  Pagination added with cursor tokens.");
        assertThat(r.err()).contains("2 hits in 3 turns of " + api + " (api)");
    }

    @Test
    void search_options_regex_case_context_and_max() throws Exception {
        assertThat(run("search", "api", "pagination", "--case-sensitive").out().lines())
                .hasSize(1);
        Run regex = run("search", "api", "version \\d\\.\\d", "--regex", "--context", "1");
        assertThat(regex.out()).contains("turn 3", "    turn 2  ", "Add pagination to invoices");
        Run capped = run("search", "api", "e", "--max", "1");
        assertThat(capped.out().lines()).hasSize(1);
        assertThat(capped.err()).contains("stopped at --max 1");
        JsonNode json = new ObjectMapper()
                .readTree(run("search", "api", "stripe", "--json").out());
        assertThat(json.path("hits").get(0).path("snippet").asText()).doesNotContain(TranscriptFixture.FAKE_KEY);
    }

    @Test
    void bad_input_and_unknown_targets_are_one_line_errors() {
        Run unknown = run("history", "nowhere");
        assertThat(unknown.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err().trim())
                .startsWith("claudemesh: no live session has id or folder 'nowhere'")
                .contains(api);
        Run badRegex = run("search", "api", "(", "--regex");
        assertThat(badRegex.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(badRegex.err()).containsIgnoringCase("regular expression");
        assertThat(run("history", "api", "-n", "0").err()).contains("-n must be from 1 to 200");
        assertThat(run("search", "api", "x", "--context", "99").err()).contains("--context must be from 0 to 20");
        assertThat(run("search", "api").code()).isEqualTo(ExitCodes.USAGE);
    }

    static void awaitIndexed() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> d.client.indexStatus().path("ready").asBoolean()
                        && d.client.indexStatus().path("turns").asInt() == 3);
    }

    @Test
    void search_all_prints_folder_id_turn_role_and_snippet_per_hit() {
        awaitIndexed();
        Run r = run("search", "--all", "pagination invoices", "--folder", "api", "-n", "5");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("api  " + api + "  turn 2  ", "  user\n", "    Add pagination to invoices");
        assertThat(r.err()).contains("1 hit in every session");
    }

    @Test
    void search_all_json_is_one_document_and_never_shows_the_key() throws Exception {
        awaitIndexed();
        Run r = run("search", "--all", "STRIPE", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("hits")).hasSize(1);
        assertThat(j.path("hits").get(0).path("role").asText()).isEqualTo("tool");
        assertThat(r.out()).doesNotContain(TranscriptFixture.FAKE_KEY.substring(13));
    }

    @Test
    void search_all_refuses_mixed_or_bad_arguments_with_a_sentence() {
        assertThat(run("search", "--all", "api", "pagination").err()).contains("with --all give just the query");
        assertThat(run("search", "api").err()).contains("give a target and a query");
        assertThat(run("search", "--all", "x", "--context", "2").err()).contains("with --all use -n");
        assertThat(run("search", "api", "x", "--since", "2d").err()).contains("go with --all");
        assertThat(run("search", "--all", "x", "-n", "0").err()).contains("-n must be from 1 to 1000");
        Run badSince = run("search", "--all", "x", "--since", "last tuesday");
        assertThat(badSince.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(badSince.err()).contains("since must be an age such as 30m");
        assertThat(run("search", "--all", "***").err()).contains("no words to look for");
    }

    @Test
    void index_status_reports_files_turns_size_and_lag() {
        awaitIndexed();
        Run r = run("index", "status");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ready: 1 transcripts, 3 turns", "size: ", "lag: ", "last error: none");
        assertThat(run("index", "explode").err()).contains("use status or rebuild");
    }
}
