package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escape sequences hidden in session data (a folder name, transcript text) never reach the user's terminal. */
class TerminalEscapesTest {
    static final String TITLE = "\u001b]0;pwned\u0007";
    static final String CLEAR = "\u001b[2J";
    static final String CLIPBOARD = "\u001b]52;c;ZWNobyBwd25lZA==\u0007";
    static final String C1_CSI = "\u009b31m";

    @TempDir
    static Path home;

    static TestDaemon d;
    static Sleepers sleepers = new Sleepers();

    @BeforeAll
    static void start() throws Exception {
        Path claudeDir = home.resolve("claude");
        d = TestDaemon.start(home, claudeDir);
        String cwd = "/home/dev/evil" + TITLE + CLEAR;
        Path transcript = new TranscriptFixture("esc-sess", cwd)
                .prompt("find the needle " + CLIPBOARD)
                .assistant("needle here " + TITLE + C1_CSI + " and\u2028more")
                .writeUnder(claudeDir);
        d.client.post(
                "/v1/sessions",
                Map.of(
                        "session_id",
                        "esc-sess",
                        "pid",
                        sleepers.start(),
                        "cwd",
                        cwd,
                        "transcript_path",
                        transcript.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliMain.run(
                args,
                Map.of("CLAUDEMESH_HOME", home.toString(), "HOME", home.toString()),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err));
        return out + "\n" + err;
    }

    static void assertNoControls(String printed) {
        assertThat(printed.chars().filter(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == 0x2028))
                .as(printed)
                .isEmpty();
    }

    String id() throws Exception {
        return d.sessions().get(0).path("id").asText();
    }

    @Test
    void list_shows_a_hostile_folder_name_escaped() {
        String printed = run("list");
        assertNoControls(printed);
        assertThat(printed).contains("\\x1b]0;pwned\\x07");
    }

    @Test
    void history_shows_transcript_text_escaped() throws Exception {
        String printed = run("history", id());
        assertNoControls(printed);
        assertThat(printed).contains("\\x1b]52;c;").contains("\\x9b31m").contains("\\u2028");
    }

    @Test
    void search_shows_snippets_and_the_summary_escaped() throws Exception {
        String printed = run("search", id(), "needle", "--context", "1");
        assertNoControls(printed);
        assertThat(printed).contains("needle here \\x1b]0;pwned");
    }

    @Test
    void json_output_escapes_controls_as_json_does() {
        String printed = run("list", "--json");
        assertNoControls(printed);
        assertThat(printed).contains("\\u001B]0;pwned\\u0007");
    }
}
