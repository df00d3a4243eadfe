package dev.claudemesh.gui.window;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.gui.Background;
import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.gui.Times;
import dev.claudemesh.gui.model.FeedEvent;
import dev.claudemesh.gui.model.MeshModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;

/**
 * A session's inbox: its pending and delivered messages (sender, kind, times, delivery path), newest first, and
 * the selected message in full with its delivery history. Follows the event stream for that session.
 */
final class InboxView {
    static final int LIMIT = 200;

    private final GuiServices services;
    private final TableView<InboxItem> table = new TableView<>();
    private final TextArea detail = new TextArea();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private String session;
    private int generation;

    InboxView(GuiServices services, MeshModel model) {
        this.services = services;
        table.setId("inbox");
        table.getColumns().add(column("Sent", 6, m -> Times.showMillis(m.createdAt())));
        table.getColumns().add(column("From", 6, InboxItem::from));
        table.getColumns().add(column("Kind", 4, InboxItem::kind));
        table.getColumns().add(column("State", 7, InboxItem::status));
        table.getColumns().add(column("Delivered via", 7, m -> m.deliveredVia() == null ? "" : m.deliveredVia()));
        table.getColumns().add(column("Delivered", 6, m -> m.ackedAt() == null ? "" : Times.showMillis(m.ackedAt())));
        table.getColumns().add(column("Message", 30, InboxItem::firstLine));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No messages for this session yet."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showDetail(now));
        detail.setId("inbox-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPromptText("Select a message to read it in full.");
        status.setId("inbox-status");
        status.setWrapText(true);
        status.setPadding(new Insets(2, 6, 2, 6)); // in line with the pane's header
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        root.setCenter(split);
        root.setBottom(status);
        model.addListener(this::onEvent);
    }

    Node node() {
        return root;
    }

    TableView<InboxItem> table() {
        return table;
    }

    /** Shows the inbox of {@code id} (null: none). */
    void show(String id) {
        session = id;
        table.getItems().clear();
        detail.clear();
        reload();
    }

    private void onEvent(FeedEvent e) {
        if (session != null
                && (MeshModel.RELOADED.equals(e.type()) || (e.isMessage() && session.equals(e.session())))) {
            reload();
        }
    }

    private void reload() {
        if (session == null) {
            status.setText("Select a session to see its inbox.");
            return;
        }
        String id = session;
        int gen = ++generation;
        Background.call(
                services,
                c -> c.inbox(id, LIMIT),
                msgs -> {
                    if (gen != generation) {
                        return; // a newer load (or another session) superseded this one
                    }
                    String keep = table.getSelectionModel().getSelectedItem() == null
                            ? null
                            : table.getSelectionModel().getSelectedItem().id();
                    List<InboxItem> items = new ArrayList<>();
                    msgs.forEach(m -> items.add(InboxItem.fromJson(m)));
                    table.getItems().setAll(items);
                    long open = items.stream()
                            .filter(m -> !m.state().equals("acked"))
                            .count();
                    status.setText(items.size() + (items.size() == 1 ? " message" : " messages") + " (newest first), "
                            + open + " not yet delivered.");
                    for (int i = 0; keep != null && i < items.size(); i++) {
                        if (items.get(i).id().equals(keep)) {
                            table.getSelectionModel().select(i);
                        }
                    }
                },
                err -> {
                    if (gen == generation) {
                        status.setText("Could not load the inbox: " + Background.describe(err));
                    }
                });
    }

    private void showDetail(InboxItem m) {
        if (m == null) {
            detail.clear();
            return;
        }
        String head = m.kind() + " " + m.id() + " from " + m.from() + ", sent " + Times.showMillis(m.createdAt())
                + "\nState: " + m.status()
                + (m.deliveredVia() == null ? "" : ", delivered via " + m.deliveredVia())
                + (m.attempts() > 0 ? ", delivery attempts: " + m.attempts() : "") + "\n\n";
        detail.setText(head + m.body());
        Background.call(
                services,
                c -> c.message(m.id()).path("history"),
                (JsonNode h) -> {
                    if (table.getSelectionModel().getSelectedItem() == m) {
                        StringBuilder b = new StringBuilder(head + m.body() + "\n\nDelivery history:\n");
                        h.forEach(line -> b.append("  ")
                                .append(historyLine(line.asText()))
                                .append('\n'));
                        detail.setText(b.toString());
                    }
                },
                err -> {});
    }

    /** {@code "1764590400000 acked supervisor"} → {@code "10:00:00 acked supervisor"}. */
    static String historyLine(String raw) {
        int sp = raw.indexOf(' ');
        try {
            return Times.showMillis(Long.parseLong(raw.substring(0, sp))) + raw.substring(sp);
        } catch (RuntimeException e) {
            return raw;
        }
    }

    private static TableColumn<InboxItem, String> column(
            String title, double weight, Function<InboxItem, String> value) {
        TableColumn<InboxItem, String> c = new TableColumn<>(title);
        c.setPrefWidth(weight * 12);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return c;
    }
}
