package dev.claudemesh.gui.window;

import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.gui.model.SessionRow;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/** The selected session: a header, then its inbox and its recent history. */
final class SessionPane {
    private final Label header = new Label("Select a session above to see its inbox and history.");
    private final InboxView inbox;
    private final HistoryView history;
    private final TabPane tabs = new TabPane();
    private final Tab inboxTab;
    private final Tab historyTab;
    private final BorderPane root = new BorderPane();
    private String shown;

    SessionPane(GuiServices services, MeshModel model) {
        inbox = new InboxView(services, model);
        history = new HistoryView(services);
        inboxTab = new Tab("Inbox", inbox.node());
        historyTab = new Tab("History", history.node());
        inboxTab.setClosable(false);
        historyTab.setClosable(false);
        tabs.getTabs().addAll(inboxTab, historyTab);
        tabs.setId("session-tabs");
        header.setId("session-header");
        header.setPadding(new Insets(4, 6, 4, 6));
        header.setStyle("-fx-font-weight: bold;");
        root.setTop(header);
        root.setCenter(tabs);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> refreshHistoryIfShown());
    }

    Node node() {
        return root;
    }

    InboxView inbox() {
        return inbox;
    }

    HistoryView history() {
        return history;
    }

    TabPane tabs() {
        return tabs;
    }

    void show(SessionRow r) {
        String id = r == null ? null : r.id();
        if (r != null) {
            header.setText(r.folder() + " · " + r.id() + " — " + r.cwd());
        }
        if (id == null || id.equals(shown)) {
            return; // an update of the same session: its views follow events themselves
        }
        shown = id;
        inbox.show(id);
        history.show(id);
    }

    private void refreshHistoryIfShown() {
        if (tabs.getSelectionModel().getSelectedItem() == historyTab && shown != null) {
            history.show(shown);
        }
    }
}
