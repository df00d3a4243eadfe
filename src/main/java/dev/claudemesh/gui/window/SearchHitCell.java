package dev.claudemesh.gui.window;

import dev.claudemesh.gui.Times;
import javafx.scene.control.ListCell;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** A result: where it is (folder · id, turn, time, role) and its snippet with the matches in bold. */
final class SearchHitCell extends ListCell<SearchHitRow> {
    @Override
    protected void updateItem(SearchHitRow hit, boolean empty) {
        super.updateItem(hit, empty);
        if (empty || hit == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        Font base = Font.getDefault();
        Text where = new Text(hit.folder() + " · " + hit.session() + " · turn " + hit.turn() + " · "
                + Times.showIso(hit.time()) + " · " + hit.role() + "\n");
        where.setFont(Font.font(base.getFamily(), FontWeight.BOLD, base.getSize()));
        TextFlow flow = new TextFlow(where);
        String s = hit.snippet();
        int at = 0;
        for (int[] r : hit.highlights()) {
            int start = Math.max(at, Math.min(r[0], s.length()));
            int end = Math.max(start, Math.min(r[1], s.length()));
            flow.getChildren().add(new Text(s.substring(at, start)));
            Text match = new Text(s.substring(start, end));
            match.setFont(Font.font(base.getFamily(), FontWeight.BOLD, base.getSize()));
            match.setUnderline(true);
            flow.getChildren().add(match);
            at = end;
        }
        flow.getChildren().add(new Text(s.substring(at)));
        flow.maxWidthProperty().bind(getListView().widthProperty().subtract(30));
        flow.prefWidthProperty().bind(getListView().widthProperty().subtract(30));
        setText(null);
        setGraphic(flow);
    }
}
