package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.supervisor.fixtures.LaunchSupervisorWithFeed;
import dev.claudemesh.supervisor.fixtures.RawEcho;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole supervisor with a stand-in daemon, inside an outer PTY playing the user's terminal. */
class SupervisorDeliveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASTE = "\u001b[200~" + LaunchSupervisorWithFeed.TEXT + "\u001b[201~";

    @TempDir
    Path dir;

    private PtyScreen start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Fixtures.java()));
        command.addAll(Fixtures.jvmOptions());
        command.addAll(List.of("-cp", Fixtures.classpath(), LaunchSupervisorWithFeed.class.getName(), dir.toString()));
        command.addAll(Fixtures.fixtureArgs(RawEcho.class, "lines"));
        return PtyScreen.start(
                new PtyCommand(command, Fixtures.supervisorEnv(dir), Path.of("").toAbsolutePath(), WindowSize.DEFAULT));
    }

    private static String line(String text) {
        return "LINE:" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_pending_task_is_typed_as_a_bracketed_paste_and_submitted() throws Exception {
        try (PtyScreen screen = start()) {
            screen.await("READY", TIMEOUT);
            Files.createFile(dir.resolve("trigger"));
            screen.await(line(PASTE), TIMEOUT);
            screen.write("\u0004");
            assertThat(screen.exitCode(TIMEOUT)).isZero();
            assertThat(Files.readString(dir.resolve("events.log"))).contains("delivered L1");
        }
    }

    @Test
    void nothing_is_typed_into_the_users_draft_until_it_is_cleared() throws Exception {
        try (PtyScreen screen = start()) {
            screen.await("READY", TIMEOUT);
            screen.write("abc");
            // claude has the draft, so the supervisor has seen it on its way in: only now is a task pending
            screen.await("KEYS:" + HexFormat.of().formatHex("abc".getBytes(StandardCharsets.UTF_8)), TIMEOUT);
            Files.createFile(dir.resolve("trigger"));
            org.awaitility.Awaitility.await()
                    .atMost(TIMEOUT)
                    .until(() -> Files.exists(dir.resolve("events.log"))
                            && Files.readString(dir.resolve("events.log")).contains("gate DRAFT"));
            Thread.sleep(1000); // the gate stays shut while the draft is there
            assertThat(screen.text()).doesNotContain("LINE:");
            screen.write("\u0015");
            screen.await(line("abc\u0015" + PASTE), TIMEOUT);
            screen.write("\u0004");
            assertThat(screen.exitCode(TIMEOUT)).isZero();
        }
    }
}
