package dev.claudemesh.gui;

import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.gui.model.SessionRow;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** Stand-in until the real MainWindow is merged. */
final class PlaceholderWindow implements AppWindow {
    private final Stage stage;
    private final Label status = new Label();

    PlaceholderWindow(Stage stage, MeshModel model) {
        this.stage = stage;
        ListView<SessionRow> list = new ListView<>(model.sessions());
        BorderPane root = new BorderPane(list);
        root.setBottom(status);
        stage.setTitle("claudemesh");
        stage.setScene(new Scene(root, 900, 560));
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public void show() {
        stage.show();
        stage.toFront();
    }

    @Override
    public void showSession(String id) {
        show();
        status.setText("session " + id);
    }

    @Override
    public void openNewSession() {
        show();
    }

    @Override
    public void openSend(String targetOrNull) {
        show();
        status.setText("send to " + targetOrNull);
    }
}
