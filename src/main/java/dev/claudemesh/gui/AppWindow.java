package dev.claudemesh.gui;

import javafx.stage.Stage;

/** What the tray shell asks of the main window. */
interface AppWindow {
    Stage stage();

    void show();

    void showSession(String id);

    void openNewSession();

    void openSend(String targetOrNull);
}
