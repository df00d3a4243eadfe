package dev.claudemesh.gui.send;

import static dev.claudemesh.gui.FxTesting.onFx;
import static dev.claudemesh.gui.FxTesting.runFx;
import static dev.claudemesh.gui.GuiFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.gui.FxTesting;
import dev.claudemesh.gui.GuiFixture;
import dev.claudemesh.gui.Screenshots;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

class SendDialogTest {
    @TempDir
    Path dir;

    GuiFixture f;
    SendDialog dialog;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.startToolkit();
    }

    @BeforeEach
    void start() throws Exception {
        f = new GuiFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (dialog != null) {
            runFx(() -> dialog.stage().close());
        }
        f.close();
    }

    private SendDialog open(String target) throws Exception {
        dialog = onFx(() -> {
            SendDialog d = SendDialog.open(null, f.services, f.model, target);
            d.stage().setWidth(760);
            d.stage().setHeight(620);
            return d;
        });
        return dialog;
    }

    private String text(javafx.scene.control.Labeled l) throws Exception {
        return onFx(l::getText);
    }

    private List<Path> drafts() throws Exception {
        Path d = f.daemon.home.dir().resolve("drafts");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (var s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith("draft-"))
                    .toList();
        }
    }

    @Test
    void an_empty_body_and_an_unknown_target_are_refused_inline_in_words() throws Exception {
        String id = f.register("sd-1", "/home/dev/api");
        until(() -> onFx(() -> f.model.sessions().size()) == 1);
        open(id);
        runFx(() -> dialog.send());
        assertThat(text(dialog.form().error())).isEqualTo("Write a message first: the body is empty.");

        runFx(() -> {
            dialog.form().targets().getSelectionModel().clearSelection();
            dialog.form().filter().setText("nosuchfolder");
            dialog.form().body().setText("hello?");
            dialog.send();
        });
        until(() -> text(dialog.form().error()).startsWith("Unknown target"));
        assertThat(text(dialog.form().error())).contains("nosuchfolder", "Pick a session from the list");
        assertThat(text(dialog.statusLabel())).contains("Your text is kept");
        runFx(() -> Screenshots.save(dialog.stage().getScene(), "send-dialog-error"));
    }

    @Test
    void a_task_is_sent_from_the_tray_and_its_delivery_shows_live_with_its_path() throws Exception {
        String id = f.register("sd-2", "/home/dev/web");
        until(() -> onFx(() -> f.model.sessions().size()) == 1);
        open(null);
        robot.clickOn(dialog.form().filter()).write("web");
        until(() -> onFx(() -> dialog.form().target()).equals(id)); // the only match is picked
        robot.clickOn(dialog.form().body()).write("run the e2e suite");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        until(() -> onFx(dialog::sentId) != null);
        String mid = onFx(dialog::sentId);
        assertThat(text(dialog.form().sentId())).contains(mid, "web · " + id);
        assertThat(onFx(() ->
                        ((javafx.scene.control.Label) dialog.stage().getScene().lookup("#send-chosen")).getText()))
                .isEqualTo("Sending to web · " + id + " (/home/dev/web)");
        assertThat(text(dialog.statusLabel())).startsWith("Pending");
        JsonNode stored = f.daemon.client.get("/v1/messages/" + mid).path("message");
        assertThat(stored.path("from").asText()).isEqualTo("tray");
        assertThat(stored.path("kind").asText()).isEqualTo("task");
        assertThat(stored.path("body").asText()).isEqualTo("run the e2e suite");

        f.deliverAsSupervisor(id);
        until(() -> text(dialog.statusLabel()).startsWith("Delivered via the supervisor"));
        assertThat(onFx(() -> dialog.bodyArea().getText())).isEmpty();
        until(() -> drafts().isEmpty());
        runFx(() -> Screenshots.save(dialog.stage().getScene(), "send-dialog-delivered"));
    }

    @Test
    void while_the_daemon_is_away_the_draft_is_kept_0600_and_sent_once_it_is_back() throws Exception {
        String id = f.register("sd-3", "/home/dev/ops");
        until(() -> onFx(() -> f.model.sessions().size()) == 1);
        open(id);
        f.daemon.close();
        runFx(() -> {
            dialog.form().note().setSelected(true);
            dialog.form().body().setText("the VPN is down until noon");
            dialog.send();
        });
        until(() -> text(dialog.form().error()).contains("not reachable"));
        assertThat(text(dialog.statusLabel())).contains("retrying");
        List<Path> kept = drafts();
        assertThat(kept).hasSize(1);
        assertThat(Files.readString(kept.get(0))).contains("the VPN is down until noon", id, "note");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.get(0))))
                .isEqualTo("rw-------");

        f.daemon = TestDaemon.startHosted(dir, f.claudeConfig); // the sessions persist; the retry finds the new port
        until(() -> onFx(dialog::sentId) != null);
        JsonNode stored =
                f.daemon.client.get("/v1/messages/" + onFx(dialog::sentId)).path("message");
        assertThat(stored.path("body").asText()).isEqualTo("the VPN is down until noon");
        assertThat(stored.path("kind").asText()).isEqualTo("note");
        until(() -> drafts().isEmpty());
    }

    @Test
    void an_unsent_message_is_restored_when_the_dialog_opens_again() throws Exception {
        String id = f.register("sd-4", "/home/dev/docs");
        until(() -> onFx(() -> f.model.sessions().size()) == 1);
        open(id);
        runFx(() -> dialog.form().body().setText("half-written thought"));
        until(() -> drafts().size() == 1);
        runFx(() -> dialog.stage().close());
        open(id);
        assertThat(onFx(() -> dialog.bodyArea().getText())).isEqualTo("half-written thought");
        assertThat(text(dialog.statusLabel())).startsWith("Restored your unsent message");
        assertThat(onFx(() -> dialog.form().target())).isEqualTo(id);
    }
}
