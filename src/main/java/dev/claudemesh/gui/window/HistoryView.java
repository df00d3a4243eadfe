package dev.claudemesh.gui.window;

import dev.claudemesh.gui.Background;
import dev.claudemesh.gui.GuiServices;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * A session's recent history: its last turns from the transcript, redacted by default (long tool output cut,
 * secrets masked), as the daemon's history route gives them.
 */
final class HistoryView {
    static final int TURNS = 20;

    private final GuiServices services;
    private final TextArea text = new TextArea();
    private final Label status = new Label();
    private final CheckBox unredacted = new CheckBox("Show _unredacted");
    private final BorderPane root = new BorderPane();
    private String session;
    private int generation;

    HistoryView(GuiServices services) {
        this.services = services;
        text.setId("history");
        text.setEditable(false);
        text.setWrapText(true);
        status.setId("history-status");
        status.setWrapText(true);
        unredacted.setMnemonicParsing(true);
        unredacted.setOnAction(e -> reload());
        Button refresh = new Button("_Refresh");
        refresh.setMnemonicParsing(true);
        refresh.setOnAction(e -> reload());
        HBox bar = new HBox(8, refresh, unredacted, status);
        bar.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(text);
    }

    Node node() {
        return root;
    }

    TextArea text() {
        return text;
    }

    void show(String id) {
        session = id;
        text.clear();
        reload();
    }

    private void reload() {
        if (session == null) {
            status.setText("Select a session to read its history.");
            return;
        }
        String id = session;
        boolean redact = !unredacted.isSelected();
        int gen = ++generation;
        status.setText("Loading…");
        Background.call(
                services,
                c -> c.history(id, TURNS, redact),
                h -> {
                    if (gen != generation) {
                        return;
                    }
                    StringBuilder b = new StringBuilder();
                    h.path("turns").forEach(t -> b.append(TurnText.of(t)).append('\n'));
                    text.setText(b.toString());
                    text.positionCaret(b.length());
                    int shown = h.path("turns").size();
                    status.setText(
                            "Last " + shown + " of " + h.path("total_turns").asInt() + " turns"
                                    + (redact ? ", redacted (secrets masked, long output cut)" : ", unredacted"));
                },
                err -> {
                    if (gen == generation) {
                        text.clear();
                        status.setText("No history to show: " + Background.describe(err));
                    }
                });
    }
}
