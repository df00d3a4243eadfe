package dev.claudemesh.gui.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.gui.Background;
import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.gui.Times;
import dev.claudemesh.gui.model.FeedEvent;
import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.message.MessageKind;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The send dialog: pick a session (searchable by id or folder), task or note, write, Ctrl+Enter sends. It then shows
 * the message id and its delivery live (pending → delivered, and by which path) from the event stream. Refusals
 * appear inline in words a person can act on. Every keystroke is kept as a draft under {@code
 * $CLAUDEMESH_HOME/drafts} (0600) until the daemon stored the message; if the daemon is away, sending is retried
 * until it is back. The sender is {@code tray}: a person at the desktop.
 */
public final class SendDialog {
    static final Duration RETRY = Duration.seconds(2);

    private final GuiServices services;
    private final MeshModel model;
    private final boolean ownsModel;
    private final DraftStore drafts;
    private final SendForm form;
    private final Stage stage = new Stage();
    private final Consumer<FeedEvent> listener = this::onEvent;
    private final PauseTransition retry = new PauseTransition(RETRY);
    private final PauseTransition saveSoon = new PauseTransition(Duration.millis(300));
    private Path slot;
    private String tracked;
    private boolean sending;

    private SendDialog(Window owner, GuiServices services, MeshModel model, boolean ownsModel, String target) {
        this.services = services;
        this.model = model;
        this.ownsModel = ownsModel;
        this.drafts = new DraftStore(services.home());
        this.form = new SendForm(model.sessions());
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Send a message — claudemesh");
        Scene scene = new Scene(form.root());
        form.bindKeys(scene, this::send, stage::close);
        form.send().setOnAction(e -> send());
        form.close().setOnAction(e -> stage.close());
        stage.setScene(scene);
        restore(target);
        form.onEdit(() -> saveSoon.playFromStart());
        saveSoon.setOnFinished(e -> saveDraft());
        retry.setOnFinished(e -> send());
        model.addListener(listener);
        stage.setOnHidden(e -> closed());
        stage.setOnShown(e -> form.focusFirst());
    }

    /** Opens a dialog that follows the daemon with its own model (closed with the dialog). */
    public static SendDialog open(Window owner, GuiServices services, String targetOrNull) {
        MeshModel m = new MeshModel(services);
        m.start();
        return show(new SendDialog(owner, services, m, true, targetOrNull));
    }

    /** Opens a dialog on the app's model (the window's or the tray's). */
    public static SendDialog open(Window owner, GuiServices services, MeshModel model, String targetOrNull) {
        return show(new SendDialog(owner, services, model, false, targetOrNull));
    }

    private static SendDialog show(SendDialog d) {
        d.stage.show();
        return d;
    }

    public Stage stage() {
        return stage;
    }

    /** The form's controls (tests and screenshots). */
    public SendForm form() {
        return form;
    }

    /** The id of the last message sent from this dialog, or null. */
    public String sentId() {
        return tracked;
    }

    private void restore(String target) {
        Optional<Path> saved = drafts.slots(target).stream().findFirst();
        Optional<Draft> d = saved.flatMap(drafts::read).filter(x -> !x.isEmpty());
        if (d.isPresent()
                && (target == null
                        || d.get().target().equals(target)
                        || d.get().target().isEmpty())) {
            slot = saved.get();
            form.fill(
                    target != null ? target : d.get().target(),
                    d.get().kind(),
                    d.get().body());
            form.status()
                    .setText("Restored your unsent message from "
                            + Times.showMillis(d.get().savedAt()) + ".");
        } else {
            slot = drafts.newSlot();
            form.fill(target, "task", "");
        }
    }

    private void saveDraft() {
        Draft d = new Draft(form.target(), form.kind(), form.body().getText(), System.currentTimeMillis());
        Path where = slot;
        services.background().execute(() -> {
            try {
                if (d.isEmpty()) {
                    drafts.delete(where);
                } else {
                    drafts.save(where, d);
                }
            } catch (Exception e) {
                javafx.application.Platform.runLater(() ->
                        form.error().setText("Your draft could not be saved to " + where + ": " + e.getMessage()));
            }
        });
    }

    void send() {
        retry.stop();
        if (sending) {
            return;
        }
        String to = form.target();
        String body = form.body().getText();
        if (to.isBlank()) {
            form.showError("Choose a session to send to: type part of its folder or id, then pick it in the list.");
            return;
        }
        if (body == null || body.isBlank()) {
            form.showError("Write a message first: the body is empty.");
            form.body().requestFocus();
            return;
        }
        saveSoon.stop();
        saveDraft(); // kept on disk until the daemon has it
        sending = true;
        form.busy(true);
        form.showError("");
        form.status().setText("Sending…");
        SendRequest req = new SendRequest("tray", to, MessageKind.parse(form.kind()), body, null);
        Path sentSlot = slot;
        Background.call(services, c -> c.send(req), answer -> sent(answer, sentSlot), this::failed);
    }

    private void sent(JsonNode answer, Path sentSlot) {
        sending = false;
        form.busy(false);
        drafts.delete(sentSlot);
        slot = drafts.newSlot();
        tracked = answer.path("id").asText();
        JsonNode to = answer.path("to");
        form.sentId()
                .setText("Sent " + tracked + " to " + to.path("folder").asText() + " · "
                        + to.path("id").asText());
        form.status().setText(DeliveryStatus.stored(answer));
        form.body().clear();
        saveSoon.stop();
        refreshTracked(); // it may have been delivered before this answer arrived
    }

    private void failed(Throwable e) {
        sending = false;
        form.busy(false);
        form.showError(SendErrors.describe(e));
        if (SendErrors.safeToRetry(e) && stage.isShowing()) {
            form.status().setText("Waiting for the daemon; retrying every " + (int) RETRY.toSeconds() + " s…");
            retry.playFromStart();
        } else {
            form.status().setText("Not sent. Your text is kept.");
        }
    }

    private void onEvent(FeedEvent e) {
        if (tracked == null) {
            return;
        }
        if (MeshModel.RELOADED.equals(e.type())) {
            refreshTracked();
        } else if (tracked.equals(e.messageId())) {
            String s = DeliveryStatus.after(e);
            if (s != null && !DeliveryStatus.isFinal(form.status().getText())) {
                form.status().setText(s);
            }
        }
    }

    private void refreshTracked() {
        String id = tracked;
        Background.call(
                services,
                c -> c.message(id).path("message"),
                m -> {
                    if (id.equals(tracked)
                            && !DeliveryStatus.isFinal(form.status().getText())) {
                        String s = DeliveryStatus.of(m);
                        if (!s.startsWith("Pending") || form.status().getText().startsWith("Sending")) {
                            form.status().setText(s);
                        }
                    }
                },
                err -> {});
    }

    private void closed() {
        retry.stop();
        if (saveSoon.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            saveSoon.stop();
            saveDraft();
        }
        model.removeListener(listener);
        if (ownsModel) {
            model.close();
        }
    }

    /** For tests: the label that shows the delivery state. */
    public Label statusLabel() {
        return form.status();
    }

    public TextArea bodyArea() {
        return form.body();
    }
}
