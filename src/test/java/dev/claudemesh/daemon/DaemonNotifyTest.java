package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.NotifyMode;
import dev.claudemesh.config.NotifySetting;
import dev.claudemesh.config.Token;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.notify.Notification;
import dev.claudemesh.notify.Notifier;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.transcript.TranscriptLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon follows its own event stream and notifies through its back-end exactly when the policy says. */
class DaemonNotifyTest {
    @TempDir
    Path dir;

    final List<Notification> shown = new CopyOnWriteArrayList<>();
    final Sleepers sleepers = new Sleepers();
    Daemon daemon;
    DaemonClient client;
    MeshHome home;

    @BeforeEach
    void start() throws Exception {
        home = new MeshHome(dir.resolve("home"));
        Notifier recorder = new Notifier() {
            @Override
            public void show(Notification n) {
                shown.add(n);
            }

            @Override
            public String name() {
                return "recorder";
            }
        };
        daemon = Daemon.start(
                        home,
                        new MeshConfig(0, MeshLimits.DEFAULT, "paste"),
                        ProcessProbe.SYSTEM,
                        new TranscriptLocator(dir.resolve("claude")),
                        () -> recorder)
                .orElseThrow();
        client = new DaemonClient(DaemonState.read(home.stateFile()).orElseThrow(), Token.read(home.tokenFile()));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
        sleepers.close();
    }

    String idleSession(String folder) throws Exception {
        long pid = sleepers.start();
        String id = client.post(
                        "/v1/sessions",
                        Map.of(
                                "session_id",
                                java.util.UUID.randomUUID().toString(),
                                "pid",
                                pid,
                                "cwd",
                                "/work/" + folder))
                .path("session")
                .path("id")
                .asText();
        client.post("/v1/sessions/" + id + "/idle", Map.of("idle", true));
        return id;
    }

    void send(String to, String kind, String body) throws Exception {
        client.post("/v1/messages", Map.of("to", to, "kind", kind, "body", body));
    }

    @Test
    void a_task_for_an_idle_unsupervised_session_is_notified_once_with_its_folder_and_first_line() throws Exception {
        String id = idleSession("payments");
        send(id, "task", "Rebase on main\nthen run the tests");
        await().atMost(Duration.ofSeconds(20)).until(() -> shown.size() == 1);
        assertThat(shown.get(0).sessionId()).isEqualTo(id);
        assertThat(shown.get(0).summary()).isEqualTo("Task waiting in payments");
        assertThat(shown.get(0).body()).isEqualTo("From cli: Rebase on main");
        send(id, "task", "and another one");
        String other = idleSession("billing");
        send(other, "task", "marker");
        await().atMost(Duration.ofSeconds(20)).until(() -> shown.size() == 2);
        assertThat(shown.get(1).sessionId())
                .as("the second task for payments is rate-limited")
                .isEqualTo(other);
    }

    @Test
    void notes_supervised_sessions_and_waiter_sessions_are_not_notified() throws Exception {
        String noted = idleSession("notes");
        send(noted, "note", "fyi");
        String supervised = idleSession("supervised");
        client.post("/v1/sessions/" + supervised + "/attach", Map.of("kind", "supervisor", "pid", sleepers.start()));
        send(supervised, "task", "typed in by the supervisor");
        String waited = idleSession("waited");
        client.post("/v1/sessions/" + waited + "/attach", Map.of("kind", "waiter", "pid", sleepers.start()));
        send(waited, "task", "woken by the waiter");
        String marker = idleSession("marker");
        send(marker, "task", "this one is notified");
        await().atMost(Duration.ofSeconds(20)).until(() -> !shown.isEmpty());
        // events are handled in order on one thread: the marker came last, so the others were decided already
        assertThat(shown).extracting(Notification::sessionId).containsExactly(marker);
    }

    @Test
    void the_notify_setting_is_followed_while_the_daemon_runs() throws Exception {
        NotifySetting.write(home, NotifyMode.OFF);
        String id = idleSession("quiet");
        send(id, "task", "not shown");
        long sent = client.get("/v1/sessions").path("seq").asLong();
        // the watch decides on its own thread: the setting may change only once that task was decided under "off"
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.notificationsHandledThrough() >= sent);
        NotifySetting.write(home, NotifyMode.UNSUPERVISED);
        String waited = idleSession("waited");
        client.post("/v1/sessions/" + waited + "/attach", Map.of("kind", "waiter", "pid", sleepers.start()));
        send(waited, "task", "shown: unsupervised includes waiter sessions");
        await().atMost(Duration.ofSeconds(20)).until(() -> !shown.isEmpty());
        // events are handled in order on one thread: the marker came last, so the others were decided already
        assertThat(shown).extracting(Notification::sessionId).containsExactly(waited);
    }
}
