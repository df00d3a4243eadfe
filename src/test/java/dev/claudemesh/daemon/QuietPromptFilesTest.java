package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.mesh.QuietPrompts;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiet prompt's files: markers that stop counting when their daemon is gone, and the lines prompts that skipped
 * the daemon leave, taken only whole and never followed anywhere.
 */
class QuietPromptFilesTest {
    @TempDir
    Path dir;

    final Sleepers sleepers = new Sleepers();

    @AfterEach
    void stop() throws Exception {
        sleepers.close();
    }

    MeshHome home() throws Exception {
        return new MeshHome(dir.resolve("home")).ensure();
    }

    /** What the thin prompt command asks: {@code [ -e "$h/quiet/p$CLAUDE_PID" ]}, run by /bin/sh. */
    static boolean shSeesMarker(MeshHome home, long pid) throws Exception {
        Process p = new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "[ -e \"$1/quiet/p$2\" ]",
                        "sh",
                        home.dir().toString(),
                        "" + pid)
                .start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void a_marker_counts_while_its_daemon_lives_and_not_once_it_is_gone() throws Exception {
        MeshHome home = home();
        long daemon = sleepers.start();
        QuietPromptFiles f = QuietPromptFiles.forTest(home, daemon);
        f.allow(4242);
        assertThat(Files.readSymbolicLink(home.quietDir().resolve("p4242"))).isEqualTo(Path.of("/proc/" + daemon));
        assertThat(shSeesMarker(home, 4242)).isTrue();
        assertThat(shSeesMarker(home, 4243)).isFalse();
        ProcessHandle gone = ProcessHandle.of(daemon).orElseThrow();
        gone.destroyForcibly();
        gone.onExit().get(20, TimeUnit.SECONDS);
        assertThat(shSeesMarker(home, 4242)).as("its daemon was killed").isFalse();
    }

    @Test
    void allow_is_idempotent_replaces_a_foreign_file_and_revoke_removes_the_marker() throws Exception {
        MeshHome home = home();
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        Files.writeString(home.quietDir().resolve("p7"), "not a link");
        f.allow(7);
        f.allow(7);
        assertThat(Files.isSymbolicLink(home.quietDir().resolve("p7"))).isTrue();
        try (var entries = Files.list(home.quietDir())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("p7");
        }
        f.revoke(7);
        f.revoke(7);
        assertThat(Files.exists(home.quietDir().resolve("p7"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void a_start_empties_both_folders_and_keeps_them_private() throws Exception {
        MeshHome home = home();
        Files.createDirectories(home.quietDir());
        Files.createDirectories(home.promptsDir());
        Files.createSymbolicLink(home.quietDir().resolve("p9"), Path.of("/proc/1"));
        Files.writeString(home.promptsDir().resolve("123"), "UserPromptSubmit 9 s-old\n");
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        try (var a = Files.list(home.quietDir());
                var b = Files.list(home.promptsDir())) {
            assertThat(a).isEmpty();
            assertThat(b).isEmpty();
        }
        assertThat(f.take()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.quietDir())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.promptsDir())))
                .isEqualTo("rwx------");
    }

    @Test
    void a_whole_line_is_taken_once_with_its_files_time() throws Exception {
        MeshHome home = home();
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        Path line = home.promptsDir().resolve("555");
        Files.writeString(line, "UserPromptSubmit 321 88918f6a-f943-4a0d-8f92-e10fdc6fe35b\n");
        Files.setLastModifiedTime(line, FileTime.fromMillis(1_700_000_000_123L));
        assertThat(f.take())
                .containsExactly(
                        new QuietPrompts.Prompt(321, "88918f6a-f943-4a0d-8f92-e10fdc6fe35b", 1_700_000_000_123L));
        assertThat(Files.exists(line)).isFalse();
        assertThat(f.take()).isEmpty();
    }

    @Test
    void a_line_still_being_written_waits_and_one_that_stays_incomplete_is_dropped() throws Exception {
        MeshHome home = home();
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        Path line = home.promptsDir().resolve("556");
        Files.writeString(line, "UserPromptSubmit 321 s-a");
        assertThat(f.take()).isEmpty();
        assertThat(Files.exists(line)).isTrue();
        Files.writeString(line, "UserPromptSubmit 321 s-a\n");
        assertThat(f.take()).extracting(QuietPrompts.Prompt::pid).containsExactly(321L);

        Path stuck = home.promptsDir().resolve("557");
        Files.writeString(stuck, "UserPromptSub");
        Files.setLastModifiedTime(
                stuck, FileTime.fromMillis(System.currentTimeMillis() - QuietPromptFiles.STALE_MILLIS - 1_000));
        assertThat(f.take()).isEmpty();
        assertThat(Files.exists(stuck)).isFalse();
    }

    @Test
    @Timeout(60) // a hang guard: reading a FIFO through a link would block for ever
    void what_is_not_a_whole_quiet_prompt_line_is_dropped_unread() throws Exception {
        MeshHome home = home();
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        Path p = home.promptsDir();
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Files.createSymbolicLink(p.resolve("1"), fifo);
        Files.writeString(p.resolve("2"), "UserPromptSubmit 321 s-a\nUserPromptSubmit 322 s-b\n");
        Files.writeString(p.resolve("3"), "Stop 321 s-a\n");
        Files.writeString(p.resolve("4"), "UserPromptSubmit 0 s-a\n");
        Files.writeString(p.resolve("5"), "UserPromptSubmit -1 s-a\n");
        Files.writeString(p.resolve("6"), "UserPromptSubmit 321 s a\n");
        Files.writeString(p.resolve("7"), "UserPromptSubmit 321 " + "x".repeat(300) + "\n");
        Files.createDirectory(p.resolve("8"));
        Files.writeString(p.resolve("9"), "UserPromptSubmit 12345678901 s-a\n");
        assertThat(f.take()).isEmpty();
        try (var left = Files.list(p)) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.exists(fifo))
                .as("the link was removed, not what it points at")
                .isTrue();
    }

    @Test
    void a_line_with_no_session_id_is_taken_by_its_pid() {
        assertThat(QuietPromptFiles.parse("UserPromptSubmit 321 \n", 5)).isEqualTo(new QuietPrompts.Prompt(321, "", 5));
        assertThat(QuietPromptFiles.parse("UserPromptSubmit 321\n", 5)).isNull();
        assertThat(QuietPromptFiles.parse("UserPromptSubmit  321 s\n", 5)).isNull();
    }

    @Test
    void close_removes_this_daemons_markers_only_and_allows_nothing_after() throws Exception {
        MeshHome home = home();
        QuietPromptFiles f =
                QuietPromptFiles.forTest(home, ProcessHandle.current().pid());
        f.allow(11);
        Files.createSymbolicLink(home.quietDir().resolve("p12"), Path.of("/proc/1"));
        f.close();
        f.allow(13);
        try (var left = Files.list(home.quietDir())) {
            assertThat(left.map(x -> x.getFileName().toString())).containsExactly("p12");
        }
    }

    @Test
    void the_daemon_keeps_the_marker_of_a_quiet_session_and_applies_a_prompt_line_without_a_request() throws Exception {
        try (TestDaemon d = TestDaemon.start(dir.resolve("d"))) {
            MeshHome home = new MeshHome(dir.resolve("d"));
            long claude = sleepers.start();
            Map<String, Object> body = new HashMap<>();
            body.put("claude_pid", claude);
            body.put("hook_pid", ProcessHandle.current().pid());
            body.put("input", Map.of("session_id", "s-quiet", "cwd", "/home/dev/api"));
            d.client.post("/v1/hooks/SessionStart", body);
            body.put("input", Map.of("session_id", "s-quiet", "cwd", "/home/dev/api", "hook_event_name", "Stop"));
            d.client.post("/v1/hooks/Stop", body);
            String id = d.client
                    .get("/v1/sessions/by-session-id/s-quiet")
                    .path("id")
                    .asText();
            assertThat(shSeesMarker(home, claude)).isTrue();

            Files.writeString(home.promptsDir().resolve("777"), "UserPromptSubmit " + claude + " s-quiet\n");
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            !d.client.get("/v1/sessions/" + id).path("idle").asBoolean());
            assertThat(Files.exists(home.promptsDir().resolve("777"))).isFalse();

            d.client.post("/v1/messages", Map.of("to", id, "kind", "note", "body", "hi"));
            assertThat(shSeesMarker(home, claude))
                    .as("a note waits for the next prompt")
                    .isFalse();
            JsonNode prompt = d.client.post(
                    "/v1/hooks/UserPromptSubmit",
                    Map.of(
                            "claude_pid", claude,
                            "hook_pid", ProcessHandle.current().pid(),
                            "input", Map.of("session_id", "s-quiet", "cwd", "/home/dev/api", "prompt", "go")));
            assertThat(prompt.path("stdout").asText()).contains("hi");
            String lease = prompt.path("ack_lease").asText();
            assertThat(lease).isNotEmpty();
            d.client.post("/v1/leases/" + lease + "/ack", null);
            assertThat(shSeesMarker(home, claude)).isTrue();
        }
        assertThat(List.of(dir.resolve("d/quiet").toFile().list()))
                .as("the daemon stopped")
                .isEmpty();
    }
}
