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
        table.getColumns().add(column("ID", 6, SessionRow::id));
        table.getColumns().add(column("Folder", 9, SessionRow::folder));
        table.getColumns().add(column("Path", 18, SessionRow::cwd));
        table.getColumns().add(column("Started", 7, r -> Times.show(r.startedAt())));
        table.getColumns().add(column("Last active", 7, r -> Times.show(r.lastActive())));
        table.getColumns().add(column("State", 4, SessionRow::activity));
        table.getColumns().add(column("Supervised", 7, r -> r.supervised() ? "yes" : "no"));
        table.getColumns().add(column("Waiter", 5, r -> r.waiter() ? "yes" : "no"));
        table.getColumns().add(column("Pending", 5, r -> Integer.toString(r.pending())));
        table.getColumns().add(column("Built-in name", 9, r -> r.builtinName() == null ? "—" : r.builtinName()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty =
                new Label("No live sessions. Start one with New session… (Ctrl+N), or run claudemesh in a terminal.");
        empty.setWrapText(true);
        table.setPlaceholder(empty);
    }

    /** @param weight the column's share of the width (the table keeps the proportions at any size) */
    private static TableColumn<SessionRow, String> column(
            String title, double weight, Function<SessionRow, String> value) {
        TableColumn<SessionRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(weight * 12);
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
