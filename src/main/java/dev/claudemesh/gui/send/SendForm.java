package dev.claudemesh.gui.send;

import dev.claudemesh.gui.model.SessionRow;
import java.util.Locale;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The send dialog's controls and layout; {@link SendDialog} does the work. */
public final class SendForm {
    private final TextField filter = new TextField();
    private final ListView<SessionRow> targets = new ListView<>();
    private final FilteredList<SessionRow> shown;
    private final RadioButton task = new RadioButton("_Task — wakes the session to act on it");
    private final RadioButton note = new RadioButton("_Note — waits for its next prompt");
    private final TextArea body = new TextArea();
    private final Label error = new Label();
    private final Label sentId = new Label();
    private final Label status = new Label();
    private final Button send = new Button("_Send");
    private final Button close = new Button("_Close");
    private final VBox root;

    SendForm(ObservableList<SessionRow> sessions) {
        shown = new FilteredList<>(sessions, r -> true);
        filter.setId("send-target");
        filter.setPromptText("Folder or id of the session");
        filter.textProperty().addListener((o, was, now) -> applyFilter(now));
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                targets.requestFocus();
                if (targets.getSelectionModel().isEmpty()) {
                    targets.getSelectionModel().selectFirst();
                }
            }
        });
        targets.setId("send-targets");
        targets.setItems(shown);
        targets.setPrefHeight(Region.USE_COMPUTED_SIZE);
        targets.setFixedCellSize(-1);
        targets.setPlaceholder(new Label("No live session matches."));
        targets.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SessionRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(
                        empty || r == null
                                ? null
                                : r.folder() + " · " + r.id() + " · " + r.activity()
                                        + (r.pending() > 0 ? " · ✉" + r.pending() : "") + "   " + r.cwd());
            }
        });
        ToggleGroup kinds = new ToggleGroup();
        task.setToggleGroup(kinds);
        note.setToggleGroup(kinds);
        task.setId("send-task");
        note.setId("send-note");
        task.setSelected(true);
        body.setId("send-body");
        body.setWrapText(true);
        body.setPrefRowCount(8);
        body.setPromptText("What should the session do? Ctrl+Enter sends.");
        error.setId("send-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020;");
        sentId.setId("send-id");
        status.setId("send-status");
        status.setWrapText(true);
        send.setId("send-button");
        send.setMnemonicParsing(true);
        close.setCancelButton(true);
        close.setMnemonicParsing(true);
        Label toLabel = label("T_o:", filter);
        Label bodyLabel = label("_Message:", body);
        Label hint = new Label("Ctrl+Enter sends · Escape closes (an unsent message is kept as a draft)");
        hint.setStyle("-fx-opacity: 0.75;");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, hint, spacer, send, close);
        VBox.setVgrow(body, Priority.ALWAYS);
        targets.setPrefHeight(Region.USE_COMPUTED_SIZE);
        targets.prefHeightProperty().bind(filter.heightProperty().multiply(4.5));
        root = new VBox(
                6, toLabel, filter, targets, new HBox(16, task, note), bodyLabel, body, error, sentId, status, buttons);
        root.setPadding(new Insets(12));
        root.setPrefWidth(Region.USE_COMPUTED_SIZE);
        root.setStyle("-fx-min-width: 40em;");
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    private void applyFilter(String text) {
        SessionRow keep = targets.getSelectionModel().getSelectedItem();
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(r -> q.isEmpty()
                || r.id().startsWith(q)
                || r.folder().toLowerCase(Locale.ROOT).contains(q)
                || r.cwd().toLowerCase(Locale.ROOT).contains(q)
                || (keep != null
                        && keep.id().equals(r.id())
                        && q.equals(keep.label().toLowerCase(Locale.ROOT))));
        if (shown.size() == 1) {
            targets.getSelectionModel().selectFirst();
        }
    }

    void bindKeys(Scene scene, Runnable onSend, Runnable onClose) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), onSend);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), onClose);
    }

    void fill(String target, String kind, String text) {
        if (target != null && !target.isEmpty()) {
            filter.setText(target);
            for (SessionRow r : shown) {
                if (r.id().equals(target) || r.folder().equalsIgnoreCase(target)) {
                    targets.getSelectionModel().select(r);
                    break;
                }
            }
        }
        ("note".equals(kind) ? note : task).setSelected(true);
        body.setText(text);
    }

    void onEdit(Runnable r) {
        body.textProperty().addListener((o, a, b) -> r.run());
        filter.textProperty().addListener((o, a, b) -> r.run());
        task.selectedProperty().addListener((o, a, b) -> r.run());
    }

    void focusFirst() {
        if (targets.getSelectionModel().isEmpty()) {
            filter.requestFocus();
        } else {
            body.requestFocus();
            body.end();
        }
    }

    void busy(boolean b) {
        send.setDisable(b);
    }

    void showError(String text) {
        error.setText(text);
    }

    /** The session picked in the list, else what was typed (the daemon resolves ids and folder names). */
    public String target() {
        SessionRow r = targets.getSelectionModel().getSelectedItem();
        return r != null
                ? r.id()
                : filter.getText() == null ? "" : filter.getText().trim();
    }

    public String kind() {
        return note.isSelected() ? "note" : "task";
    }

    public Parent root() {
        return root;
    }

    public TextField filter() {
        return filter;
    }

    public ListView<SessionRow> targets() {
        return targets;
    }

    public RadioButton note() {
        return note;
    }

    public TextArea body() {
        return body;
    }

    public Label error() {
        return error;
    }

    public Label sentId() {
        return sentId;
    }

    public Label status() {
        return status;
    }

    public Button send() {
        return send;
    }

    public Button close() {
        return close;
    }
}
