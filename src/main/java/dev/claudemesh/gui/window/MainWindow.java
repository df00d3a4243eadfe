package dev.claudemesh.gui.window;

import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.gui.model.ConnectionState;
import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.gui.model.SessionRow;
import dev.claudemesh.gui.send.SendDialog;
import dev.claudemesh.gui.terminal.NewSessionDialog;
import dev.claudemesh.gui.terminal.SessionLauncher;
import dev.claudemesh.gui.terminal.TerminalTab;
import dev.claudemesh.gui.terminal.TerminalTabs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The window titled {@code claudemesh}: the live peers table with the selected session's inbox and history, a
 * search pane (Ctrl+F), and terminal tabs running {@code claudemesh run} (Ctrl+N). Closing the window only hides it
 * (the app keeps running in the tray); call {@link #shutdown} when the app quits, which ends the terminal sessions.
 *
 * <p>{@link #MainWindow(Stage, GuiServices)} makes and starts its own {@link MeshModel}; the app that already has one
 * (for its tray menu) passes it to {@link #MainWindow(Stage, GuiServices, MeshModel)}, and then closes it itself.
 */
public final class MainWindow {
    private final Stage stage;
    private final GuiServices services;
    private final MeshModel model;
    private final boolean ownsModel;
    private final PeersView peers;
    private final SessionPane session;
    private final SearchView search;
    private final TabPane tabs = new TabPane();
    private final Tab peersTab;
    private final Tab searchTab;
    private final TerminalTabs terminals;
    private final Label connection = new Label();

    public MainWindow(Stage stage, GuiServices services) {
        this(stage, services, new MeshModel(services), true, SessionLauncher.current(), Map.of());
    }

    public MainWindow(Stage stage, GuiServices services, MeshModel model) {
        this(stage, services, model, false, SessionLauncher.current(), Map.of());
    }

    /** For tests: sessions started with {@code launcher} and {@code extraEnv} (e.g. CLAUDEMESH_CLAUDE_BIN). */
    public MainWindow(
            Stage stage,
            GuiServices services,
            MeshModel model,
            SessionLauncher launcher,
            Map<String, String> extraEnv) {
        this(stage, services, model, false, launcher, extraEnv);
    }

    private MainWindow(
            Stage stage,
            GuiServices services,
            MeshModel model,
            boolean ownsModel,
            SessionLauncher launcher,
            Map<String, String> extraEnv) {
        this.stage = stage;
        this.services = services;
        this.model = model;
        this.ownsModel = ownsModel;
        this.peers = new PeersView(model.sessions());
        this.session = new SessionPane(services, model);
        this.search = new SearchView(services, () -> peers.selected().get());
        this.terminals = new TerminalTabs(services, tabs, launcher, extraEnv);
        peers.selected().addListener((o, was, now) -> session.show(now));
        peers.node().setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && peers.selected().get() != null) {
                openSend(peers.selected().get().id());
            }
        });
        SplitPane split = new SplitPane(peers.node(), session.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        BorderPane peersPane = new BorderPane(split);
        peersPane.setTop(toolbar());
        peersTab = new Tab("Peers", peersPane);
        searchTab = new Tab("Search", search.node());
        peersTab.setClosable(false);
        searchTab.setClosable(false);
        tabs.getTabs().addAll(peersTab, searchTab);
        tabs.setId("main-tabs");
        connection.setId("connection");
        connection.setPadding(new Insets(3, 6, 3, 6));
        connection.setWrapText(true);
        model.connection().addListener((o, was, now) -> showConnection(now));
        showConnection(model.connection().get());
        BorderPane root = new BorderPane(tabs);
        root.setBottom(connection);
        Scene scene = new Scene(root);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::focusSearch);
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::openNewSession);
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), () -> openSend(selectedId()));
        stage.setTitle("claudemesh");
        stage.setScene(scene);
        stage.setWidth(Math.max(stage.getWidth(), scaled(72)));
        stage.setHeight(Math.max(stage.getHeight(), scaled(40)));
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
        });
        if (ownsModel) {
            model.start();
        }
    }

    /** A size in em (the default font's size), so the window is as readable at 200% as at 100%. */
    private static double scaled(double em) {
        return em * javafx.scene.text.Font.getDefault().getSize();
    }

    private ToolBar toolbar() {
        Button send = new Button("_Send message…");
        send.setId("toolbar-send");
        send.setOnAction(e -> openSend(selectedId()));
        Button start = new Button("_New session…");
        start.setId("toolbar-new");
        start.setOnAction(e -> openNewSession());
        Label keys = new Label("Ctrl+M send · Ctrl+N new session · Ctrl+F search · double-click a peer to message it");
        keys.setStyle("-fx-opacity: 0.75;");
        return new ToolBar(send, start, keys);
    }

    private void showConnection(ConnectionState s) {
        connection.setText(s.describe());
        connection.setStyle(
                s.isConnected()
                        ? "-fx-background-color: transparent;"
                        : "-fx-background-color: #fff3cd; -fx-text-fill: #5c4400;");
    }

    private String selectedId() {
        SessionRow r = peers.selected().get();
        return r == null ? null : r.id();
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** Shows the window at one session's inbox. */
    public void showSession(String id) {
        show();
        tabs.getSelectionModel().select(peersTab);
        peers.select(id);
        session.tabs().getSelectionModel().selectFirst();
    }

    /** Asks for a folder and claude's arguments, then runs {@code claudemesh run ARGS} there in a new tab. */
    public void openNewSession() {
        show();
        Optional<NewSessionDialog.Choice> c =
                new NewSessionDialog(stage, Path.of(System.getProperty("user.home"))).showAndWait();
        c.ifPresent(this::startSession);
    }

    /** Starts a session in a terminal tab without asking (the dialog's second half). */
    public Optional<TerminalTab> startSession(NewSessionDialog.Choice c) {
        try {
            return Optional.of(terminals.open(c.folder(), c.claudeArgs()));
        } catch (Exception e) {
            Alert a = new Alert(
                    Alert.AlertType.ERROR,
                    "claudemesh run could not be started in " + c.folder() + ": " + e.getMessage());
            a.initOwner(stage);
            a.show();
            return Optional.empty();
        }
    }

    public void focusSearch() {
        show();
        tabs.getSelectionModel().select(searchTab);
        search.focus();
    }

    private void openSend(String target) {
        SendDialog.open(stage, services, model, target);
    }

    /** Ends every terminal session gracefully (waits for them) and closes the model if it is the window's own. */
    public void shutdown() {
        terminals.closeAll();
        if (ownsModel) {
            model.close();
        }
    }

    public Stage stage() {
        return stage;
    }

    public MeshModel model() {
        return model;
    }

    public TerminalTabs terminals() {
        return terminals;
    }

    TabPane tabs() {
        return tabs;
    }

    PeersView peers() {
        return peers;
    }

    SessionPane session() {
        return session;
    }

    SearchView search() {
        return search;
    }
}
