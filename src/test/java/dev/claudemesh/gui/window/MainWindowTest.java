package dev.claudemesh.gui.window;

import static dev.claudemesh.gui.FxTesting.onFx;
import static dev.claudemesh.gui.FxTesting.runFx;
import static dev.claudemesh.gui.GuiFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.gui.FxTesting;
import dev.claudemesh.gui.GuiFixture;
import dev.claudemesh.gui.Screenshots;
import dev.claudemesh.gui.model.SessionRow;
import dev.claudemesh.support.TestDaemon;
import dev.claudemesh.support.TranscriptFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

class MainWindowTest {
    @TempDir
    Path dir;

    GuiFixture f;
    MainWindow w;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.startToolkit();
    }

    @BeforeEach
    void open() throws Exception {
        f = new GuiFixture(dir);
        w = onFx(() -> {
            MainWindow m = new MainWindow(new Stage(), f.services, f.model);
            m.stage().setWidth(1180);
            m.stage().setHeight(760);
            m.show();
            return m;
        });
    }

    @AfterEach
    void close() throws Exception {
        runFx(() -> w.stage().hide());
        w.shutdown();
        f.close();
    }

    private List<String> peerIds() throws Exception {
        return onFx(
                () -> w.peers().node().getItems().stream().map(SessionRow::id).toList());
    }

    private String cell(TableView<?> t, int row, String column) throws Exception {
        return onFx(() -> t.getColumns().stream()
                .filter(c -> c.getText().equals(column))
                .findFirst()
                .orElseThrow()
                .getCellData(row)
                .toString());
    }

    @Test
    void the_window_is_titled_claudemesh_and_the_peers_table_follows_registrations_and_ends() throws Exception {
        assertThat(onFx(() -> w.stage().getTitle())).isEqualTo("claudemesh");
        String api = f.register("w-1", "/home/dev/api");
        String web = f.register("w-2", "/home/dev/web");
        until(() -> peerIds().equals(List.of(api, web)));
        TableView<SessionRow> t = w.peers().node();
        assertThat(cell(t, 0, "Folder")).isEqualTo("api");
        assertThat(cell(t, 0, "Path")).isEqualTo("/home/dev/api");
        assertThat(cell(t, 0, "State")).isEqualTo("busy");
        assertThat(cell(t, 0, "Built-in name")).isEqualTo("—");
        f.daemon.client.post("/v1/sessions/" + web + "/idle", Map.of("idle", true));
        f.daemon.client.post(
                "/v1/sessions/" + web + "/attach", Map.of("kind", "supervisor", "pid", f.sleepers.start()));
        f.send("cli", web, "task", "look at the failing build");
        until(() ->
                cell(t, 1, "Pending").equals("1") && cell(t, 1, "Supervised").equals("yes"));
        assertThat(cell(t, 1, "State")).isEqualTo("idle");
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-peers"));

        f.daemon.client.post("/v1/sessions/" + api + "/end", Map.of("reason", "exit"));
        until(() -> peerIds().equals(List.of(web)));
    }

    @Test
    void the_inbox_shows_pending_and_delivered_messages_with_sender_kind_and_path() throws Exception {
        String id = f.register("w-3", "/home/dev/ops");
        f.send("cli", id, "task", "deploy the staging branch\nthen tell me the URL");
        f.deliverAsSupervisor(id);
        f.send("tray", id, "note", "the VPN is down until noon");
        until(() -> peerIds().contains(id));
        runFx(() -> w.showSession(id));
        TableView<InboxItem> inbox = w.session().inbox().table();
        until(() -> onFx(() -> inbox.getItems().size()) == 2);
        assertThat(cell(inbox, 0, "From")).isEqualTo("tray");
        assertThat(cell(inbox, 0, "Kind")).isEqualTo("note");
        assertThat(cell(inbox, 0, "State")).isEqualTo("pending");
        assertThat(cell(inbox, 1, "State")).isEqualTo("delivered");
        assertThat(cell(inbox, 1, "Delivered via")).isEqualTo("supervisor");
        assertThat(cell(inbox, 1, "Delivered")).isNotEmpty();
        assertThat(cell(inbox, 1, "Message")).isEqualTo("deploy the staging branch …");
        runFx(() -> inbox.getSelectionModel().select(1));
        until(() ->
                onFx(() -> w.session().inbox().node().lookup("#inbox-detail").toString() != null
                        && ((javafx.scene.control.TextArea)
                                        w.session().inbox().node().lookup("#inbox-detail"))
                                .getText()
                                .contains("Delivery history")));
        String detail = onFx(() ->
                ((javafx.scene.control.TextArea) w.session().inbox().node().lookup("#inbox-detail")).getText());
        assertThat(detail).contains("then tell me the URL", "delivered via supervisor", "sent", "leased", "acked");

        f.deliverAsSupervisor(id); // the note is delivered too: the inbox follows the event stream
        until(() -> cell(inbox, 0, "State").equals("delivered"));
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-inbox"));
    }

    @Test
    void history_shows_recent_turns_redacted_and_search_opens_the_whole_turn() throws Exception {
        Path transcript = new TranscriptFixture("w-4", "/home/dev/alpha")
                .prompt("fix the flaky login test")
                .assistant("The login test waits on a fixed sleep; I will poll instead.")
                .prompt("now rotate the key ANTHROPIC_API_KEY=" + TranscriptFixture.FAKE_KEY)
                .assistant("Rotated. The old key is revoked.")
                .writeUnder(f.claudeConfig);
        String id = f.register("w-4", "/home/dev/alpha", transcript);
        until(() -> peerIds().contains(id));
        runFx(() -> {
            w.showSession(id);
            w.session().tabs().getSelectionModel().select(1);
        });
        until(() -> onFx(() -> w.session().history().text().getText()).contains("rotate the key"));
        String history = onFx(() -> w.session().history().text().getText());
        assertThat(history).contains("Turn 1", "fix the flaky login test", "Claude: Rotated.");
        assertThat(history).doesNotContain(TranscriptFixture.FAKE_KEY);

        // the daemon's full-text index picks the new transcript up in the background
        until(() -> f.daemon
                        .client
                        .searchAll(new dev.claudemesh.api.AllSearchQuery("flaky", null, null, false, 5))
                        .path("hits")
                        .size()
                == 1);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        until(() -> onFx(() -> w.search().query().isFocused()));
        robot.write("flaky").type(KeyCode.ENTER);
        until(() -> onFx(() -> w.search().results().getItems().size()) == 1);
        String status =
                onFx(() -> ((javafx.scene.control.Label) w.search().node().lookup("#search-status")).getText());
        assertThat(status).contains("1 result across all sessions");
        runFx(() -> w.search().results().getSelectionModel().select(0));
        javafx.scene.control.TextArea turn =
                onFx(() -> (javafx.scene.control.TextArea) w.search().node().lookup("#search-turn"));
        until(() -> onFx(() -> turn.getText()).contains("poll instead"));
        String turnText = onFx(() -> turn.getText());
        assertThat(turnText).contains("Turn 1", "alpha");
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-search"));
    }

    @Test
    void losing_the_daemon_shows_a_clear_state_and_recovers() throws Exception {
        String id = f.register("w-5", "/home/dev/beta");
        until(() -> peerIds().contains(id));
        javafx.scene.control.Label state =
                onFx(() -> (javafx.scene.control.Label) w.stage().getScene().lookup("#connection"));
        assertThat(onFx(() -> state.getText())).isEqualTo("Connected to the claudemesh daemon");
        f.daemon.close();
        until(() -> onFx(() -> state.getText()).startsWith("Daemon unavailable"));
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-daemon-down"));
        f.daemon = TestDaemon.startHosted(dir, f.claudeConfig);
        until(() -> onFx(() -> state.getText()).equals("Connected to the claudemesh daemon"));
        String later = f.register("w-6", "/home/dev/gamma");
        until(() -> peerIds().contains(later));
    }

    @Test
    void at_200_percent_text_scales_and_nothing_is_cut_off_screenshot() throws Exception {
        String id = f.register("w-7", "/home/dev/scaled-project");
        f.send("cli", id, "task", "check the scaled layout");
        until(() -> peerIds().contains(id));
        runFx(() -> {
            w.stage().getScene().getRoot().setStyle("-fx-font-size: 26px;");
            w.stage().setWidth(2360);
            w.stage().setHeight(1520);
            w.showSession(id);
        });
        until(() -> onFx(() -> w.session().inbox().table().getItems().size()) == 1);
        double status =
                onFx(() -> ((javafx.scene.control.Label) w.stage().getScene().lookup("#connection"))
                        .getFont()
                        .getSize());
        assertThat(status).isEqualTo(26.0); // text follows the scale: no fixed pixel font sizes
        runFx(() -> Screenshots.save(w.stage().getScene(), "window-200-percent"));
    }
}
