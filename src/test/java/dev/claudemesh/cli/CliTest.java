package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();
    static String web1;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(home);
        api = d.register("cli-api", sleepers.start(), "/home/dev/api")
                .path("id")
                .asText();
        web1 = d.register("cli-web1", sleepers.start(), "/home/dev/web")
                .path("id")
                .asText();
        d.register("cli-web2", sleepers.start(), "/srv/web");
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.run(
                args,
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of("CLAUDEMESH_HOME", home.toString(), "HOME", home.toString()), "", args);
    }

    @Test
    void list_shows_every_session_with_its_folder() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ID", "FOLDER", api, "api", web1, "/srv/web");
    }

    @Test
    void list_json_is_an_array_of_sessions() {
        Run r = run("list", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).startsWith("[").contains("\"folder\" : \"api\"");
    }

    @Test
    void send_prints_the_message_id_and_delivers_to_the_folder() throws Exception {
        Run r = run("send", "API", "please", "run", "the", "tests");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim()).matches("m_[a-z0-9]{12}");
        var msgs = d.client.get("/v1/sessions/" + api + "/messages").path("messages");
        assertThat(msgs.get(msgs.size() - 1).path("body").asText()).isEqualTo("please run the tests");
        assertThat(msgs.get(msgs.size() - 1).path("from").asText()).isEqualTo("cli");
    }

    @Test
    void send_dash_reads_the_body_from_stdin_and_note_sets_the_kind() throws Exception {
        Run r = run(Map.of("CLAUDEMESH_HOME", home.toString()), "line one\nline two\n", "send", "--note", api, "-");
        assertThat(r.code()).as(r.err()).isZero();
        var m = d.client.get("/v1/messages/" + r.out().trim()).path("message");
        assertThat(m.path("body").asText()).isEqualTo("line one\nline two\n");
        assertThat(m.path("kind").asText()).isEqualTo("note");
    }

    @Test
    void send_to_ambiguous_folder_lists_both_candidates() {
        Run r = run("send", "web", "hello");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(web1 + " (/home/dev/web)").contains("(/srv/web)");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void send_to_unknown_target_lists_live_sessions() {
        Run r = run("send", "nowhere", "hello");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no live session").contains(api + " (/home/dev/api)");
    }

    @Test
    void missing_message_is_a_usage_error() {
        Run r = run("send", "api");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter");
    }

    @Test
    void unknown_option_is_a_usage_error() {
        assertThat(run("list", "--bogus").code()).isEqualTo(2);
    }

    @Test
    void status_reports_version_port_and_sessions() {
        Run r = run("status");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("running", "127.0.0.1:" + d.port(), "sessions 3");
    }

    @Test
    void status_exits_3_when_no_daemon_runs(@TempDir Path empty) {
        Run r = run(Map.of("CLAUDEMESH_HOME", empty.toString()), "", "status");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("claudemesh: ").contains("not running");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void whoami_finds_the_session_of_an_ancestor_process_and_ignores_a_claude_pid_that_is_not_one() throws Exception {
        long pid = d.client.get("/v1/sessions/" + api).path("pid").asLong();
        Run spoofed = run(Map.of("CLAUDEMESH_HOME", home.toString(), "CLAUDE_PID", Long.toString(pid)), "", "whoami");
        assertThat(spoofed.code()).isEqualTo(1);

        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        String mine = d.client
                .post("/v1/sessions", Map.of("session_id", "cli-parent", "pid", parent, "cwd", "/home/dev/parent"))
                .path("session")
                .path("id")
                .asText();
        try {
            Run r = run(Map.of("CLAUDEMESH_HOME", home.toString()), "", "whoami");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(mine).contains("/home/dev/parent");
        } finally {
            d.client.post("/v1/sessions/" + mine + "/end", Map.of());
        }
    }

    @Test
    void whoami_outside_claude_says_so_clearly() {
        Run r = run("whoami");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("does not run under a registered claude session");
    }

    @Test
    void errors_carry_no_stack_trace_unless_verbose() {
        assertThat(run("send", "web", "x").err()).doesNotContain("\tat ");
    }
}
