package dev.claudemesh.gui.model;

import static dev.claudemesh.gui.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.gui.FxTesting;
import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshModelTest {
    @TempDir
    Path home;

    TestDaemon d;
    MeshModel model;
    final Sleepers sleepers = new Sleepers();

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.startToolkit();
    }

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            model.close();
        }
        if (d != null) {
            d.close();
        }
        sleepers.close();
    }

    private MeshModel startModel() {
        GuiServices s = FxTesting.services(d, home.resolve(".claude-config"));
        model = new MeshModel(s, FxTesting.shortPoll());
        model.start();
        return model;
    }

    private List<SessionRow> rows() throws Exception {
        return onFx(() -> List.copyOf(model.sessions()));
    }

    private ConnectionState state() throws Exception {
        return onFx(() -> model.connection().get());
    }

    @Test
    void the_snapshot_lists_sessions_that_were_there_before_the_model_started() throws Exception {
        d = TestDaemon.startHosted(home);
        String id =
                d.register("mm-1", sleepers.start(), "/tmp/mm/alpha").path("id").asText();
        startModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 1);
        SessionRow r = rows().get(0);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.folder()).isEqualTo("alpha");
        assertThat(r.cwd()).isEqualTo("/tmp/mm/alpha");
        assertThat(r.idle()).isFalse();
        assertThat(r.builtinName()).isNull();
        assertThat(state().isConnected()).isTrue();
    }

    @Test
    void rows_follow_registrations_idle_supervision_messages_and_ends() throws Exception {
        d = TestDaemon.startHosted(home);
        startModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> state().isConnected());
        List<FeedEvent> seen = new CopyOnWriteArrayList<>();
        model.addListener(seen::add);

        String a =
                d.register("mm-2", sleepers.start(), "/tmp/mm/api").path("id").asText();
        String b =
                d.register("mm-3", sleepers.start(), "/tmp/mm/web").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 2);
        assertThat(rows()).extracting(SessionRow::id).containsExactly(a, b);

        d.client.post("/v1/sessions/" + a + "/idle", Map.of("idle", true));
        d.client.post("/v1/sessions/" + a + "/attach", Map.of("kind", "supervisor", "pid", sleepers.start()));
        d.client.post("/v1/sessions/" + b + "/attach", Map.of("kind", "waiter", "pid", sleepers.start()));
        d.client.post("/v1/messages", Map.of("from", "tray", "to", a, "body", "do it"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows().get(0).pending() == 1 && rows().get(1).waiter());
        SessionRow ra = rows().get(0);
        assertThat(ra.idle()).isTrue();
        assertThat(ra.supervised()).isTrue();
        assertThat(ra.waiter()).isFalse();
        assertThat(rows().get(1).supervised()).isFalse();

        d.client.post("/v1/sessions/" + a + "/end", Map.of("reason", "exit"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 1);
        assertThat(rows().get(0).id()).isEqualTo(b);
        assertThat(seen).extracting(FeedEvent::type).contains("session.registered", "message.sent", "session.ended");
    }

    @Test
    void losing_the_daemon_shows_a_clear_state_and_a_restarted_daemon_is_followed_again() throws Exception {
        d = TestDaemon.startHosted(home);
        String id =
                d.register("mm-4", sleepers.start(), "/tmp/mm/ops").path("id").asText();
        startModel();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 1);

        d.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !state().isConnected());
        assertThat(state().reason()).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).until(() -> state().status() == ConnectionState.Status.DOWN);

        d = TestDaemon.startHosted(home); // a new port; the model finds it through the state file
        await().atMost(Duration.ofSeconds(30)).until(() -> state().isConnected());
        String other =
                d.register("mm-5", sleepers.start(), "/tmp/mm/late").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 2);
        assertThat(rows()).extracting(SessionRow::id).containsExactly(id, other);
    }
}
