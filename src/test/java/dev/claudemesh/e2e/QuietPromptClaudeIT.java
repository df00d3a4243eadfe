package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin prompt command with the real claude: while the daemon has nothing for a session, its prompt skips the
 * daemon (one line into {@code prompts/}, no request) and the session still shows busy for its turn; a note sent to
 * it takes the marker away before the send returns, comes with the next prompt, and once acked the marker is back.
 */
class QuietPromptClaudeIT {
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void a_prompt_with_nothing_waiting_skips_the_daemon_and_its_session_is_busy_for_the_turn() throws Exception {
        try (MeshWorld w = new MeshWorld(tmp)) {
            w.install();
            MeshHome home = new MeshHome(w.meshHome);
            try (ClaudeProcess c = w.interactive(w.folder("quietp"))) {
                String id = w.awaitSession("quietp").path("id").asText();
                c.submit("settle");
                w.api.awaitMainRequestContaining("settle", T);
                w.awaitIdle(id, true);
                Path marker = home.quietDir().resolve("p" + c.pid());
                long daemon = DaemonState.read(home.stateFile()).orElseThrow().pid();
                assertThat(Files.readSymbolicLink(marker)).isEqualTo(Path.of("/proc/" + daemon));

                Hold hold = Hold.untilReleased();
                w.api.enqueue(Reply.hold(hold));
                try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                    home.promptsDir().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                    c.submit("QUIET-PROMPT-1 go");
                    RecordedRequest r = hold.awaitHeld(T);
                    assertThat(r.lastTurnText()).contains("QUIET-PROMPT-1").doesNotContain("<claudemesh-message id=");
                    assertThat(created(watch))
                            .as("the prompt left its line for the daemon")
                            .isNotEmpty()
                            .allMatch(name -> name.matches("[0-9]+"));
                }
                w.awaitIdle(id, false);
                hold.release();
                w.awaitIdle(id, true);
                assertThat(Files.exists(marker, LinkOption.NOFOLLOW_LINKS)).isTrue();
                try (var left = Files.list(home.promptsDir())) {
                    assertThat(left).as("the daemon took the line").isEmpty();
                }
                String screen = c.screenText().toLowerCase(java.util.Locale.ROOT);
                assertThat(screen).doesNotContain("hook error", "hook problem", "ctrl+o");
            }
        }
    }

    @Test
    void a_note_takes_the_marker_away_comes_with_the_next_prompt_and_the_marker_is_back_after_its_ack()
            throws Exception {
        try (MeshWorld w = new MeshWorld(tmp)) {
            w.install();
            MeshHome home = new MeshHome(w.meshHome);
            try (ClaudeProcess c = w.interactive(w.folder("notep"))) {
                String id = w.awaitSession("notep").path("id").asText();
                c.submit("settle");
                w.api.awaitMainRequestContaining("settle", T);
                w.awaitIdle(id, true);
                Path marker = home.quietDir().resolve("p" + c.pid());
                assertThat(Files.isSymbolicLink(marker)).isTrue();

                MeshWorld.Run sent = w.cli("send", "--note", id, "QUIET-NOTE-7 for your next prompt");
                assertThat(sent.code()).as(sent.err()).isZero();
                String mid = sent.out().trim();
                assertThat(Files.exists(marker, LinkOption.NOFOLLOW_LINKS))
                        .as("gone before the send returned")
                        .isFalse();

                c.submit("next prompt");
                RecordedRequest r = w.api.awaitMainRequestContaining("next prompt", T);
                assertThat(r.lastTurnText()).contains("QUIET-NOTE-7").contains(mid);
                w.awaitAcked(mid);
                long until = System.nanoTime() + T.toNanos();
                while (System.nanoTime() < until && !Files.isSymbolicLink(marker)) {
                    Thread.sleep(50);
                }
                assertThat(Files.isSymbolicLink(marker))
                        .as("nothing waits for it any more")
                        .isTrue();
            }
        }
    }

    /** The names created in the watched folder, waiting up to {@link #T} for the first. */
    private static List<String> created(WatchService watch) throws InterruptedException {
        List<String> names = new ArrayList<>();
        WatchKey key = watch.poll(T.toMillis(), TimeUnit.MILLISECONDS);
        while (key != null) {
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.context() instanceof Path p) {
                    names.add(p.getFileName().toString());
                }
            }
            key.reset();
            key = watch.poll(200, TimeUnit.MILLISECONDS);
        }
        return names;
    }
}
