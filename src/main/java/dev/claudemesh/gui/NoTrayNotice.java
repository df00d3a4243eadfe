package dev.claudemesh.gui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** A dismissable banner at the top of the window saying, once per start, why there is no tray icon. */
final class NoTrayNotice {
    static final String ID = "no-tray-notice";

    private NoTrayNotice() {}

    static void show(Stage stage, String why) {
        Scene scene = stage.getScene();
        if (scene == null || scene.lookup("#" + ID) != null) {
            return;
        }
        Parent content = scene.getRoot();
        Label text = new Label(why);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(Region.USE_PREF_SIZE); // wrap onto more lines rather than cut the sentence
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("Dismiss");
        close.setMinWidth(Region.USE_PREF_SIZE);
        HBox banner = new HBox(12, text, close);
        banner.setId(ID);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(8, 12, 8, 12));
        banner.setStyle("-fx-background-color: #fff4d6; -fx-border-color: #e0c27a; -fx-border-width: 0 0 1 0;");
        VBox wrap = new VBox(banner, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        close.setOnAction(e -> wrap.getChildren().remove(banner));
        scene.setRoot(wrap);
    }
}
