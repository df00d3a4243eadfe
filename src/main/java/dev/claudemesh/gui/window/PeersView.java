package dev.claudemesh.gui.window;

import dev.claudemesh.gui.Times;
import dev.claudemesh.gui.model.SessionRow;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The live peers table: one row per session, following the model. */
final class PeersView {
    private final TableView<SessionRow> table = new TableView<>();

    PeersView(ObservableList<SessionRow> sessions) {
        table.setId("peers");
        table.setItems(sessions);
        table.getColumns().add(column("ID", SessionRow::id));
        table.getColumns().add(column("Folder", SessionRow::folder));
        table.getColumns().add(column("Path", SessionRow::cwd));
        table.getColumns().add(column("Started", r -> Times.show(r.startedAt())));
        table.getColumns().add(column("Last active", r -> Times.show(r.lastActive())));
        table.getColumns().add(column("State", SessionRow::activity));
        table.getColumns().add(column("Supervised", r -> r.supervised() ? "yes" : "no"));
        table.getColumns().add(column("Waiter", r -> r.waiter() ? "yes" : "no"));
        table.getColumns().add(column("Pending", r -> Integer.toString(r.pending())));
        table.getColumns().add(column("Built-in name", r -> r.builtinName() == null ? "—" : r.builtinName()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(
                "No live sessions. Start one with File › New session… (Ctrl+N)," + " or run claudemesh in a terminal.");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
    }

    private static TableColumn<SessionRow, String> column(String title, Function<SessionRow, String> value) {
        TableColumn<SessionRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return c;
    }

    TableView<SessionRow> node() {
        return table;
    }

    ReadOnlyObjectProperty<SessionRow> selected() {
        return table.getSelectionModel().selectedItemProperty();
    }

    void select(String id) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).id().equals(id)) {
                table.getSelectionModel().select(i);
                table.scrollTo(i);
                return;
            }
        }
    }
}
