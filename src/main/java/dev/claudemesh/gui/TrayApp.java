package dev.claudemesh.gui;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.NotifyMode;
import dev.claudemesh.config.NotifySetting;
import dev.claudemesh.gui.model.MeshModel;
import dev.claudemesh.gui.model.SessionRow;
import dev.claudemesh.gui.send.SendDialog;
import dev.claudemesh.gui.tray.AwtTray;
import dev.claudemesh.gui.tray.TrayChooser;
import dev.claudemesh.gui.tray.TrayHost;
import dev.claudemesh.gui.tray.TrayMenu;
import dev.claudemesh.gui.window.MainWindow;
import dev.claudemesh.notify.desktop.IconFiles;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray app: a tray icon whose menu follows the live sessions, the main window (closing it keeps the app
 * in the tray), notification clicks and second launches routed to the window, and a clean quit that stops
 * the daemon the app hosts. Built and started by {@link TrayLauncher}, never by {@code Application.launch}.
 */
public final class TrayApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(TrayApp.class);

    private final TrayLaunch launch;
    private final CountDownLatch exited;
    private final AtomicBoolean down = new AtomicBoolean();
    private MeshModel model;
    private MainWindow window;
    private GuiServices services;
    private volatile TrayHost tray;
    private boolean notificationsOn;
    private NotifyMode onMode;
    private Boolean waitingShown;

    TrayApp(TrayLaunch launch, CountDownLatch exited) {
        this.launch = launch;
        this.exited = exited;
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false); // hiding the last window must not end the app
        services = GuiServices.fromEnvironment(launch.env());
        model = new MeshModel(services);
        launch.host()
                .whenComplete((h, failed) -> Platform.runLater(() -> {
                    if (failed != null) {
                        LOG.error("could not host the daemon; the app is a client only", failed);
                    }
                    if (!down.get()) {
                        model.start(); // after hosting: the model's first connection finds the daemon
                    }
                }));
        double em = javafx.scene.text.Font.getDefault().getSize();
        stage.setWidth(76 * em); // the window keeps its size when hidden and shown again
        stage.setHeight(44 * em);
        window = new MainWindow(stage, services, model);
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
            LOG.info("window hidden; claudemesh stays in the tray");
        });
        NotifyMode mode = launch.config().notifyMode();
        notificationsOn = mode != NotifyMode.OFF;
        onMode = notificationsOn ? mode : NotifyMode.UNWAKEABLE;
        model.sessions().addListener((ListChangeListener<SessionRow>) c -> refreshTray());
        launch.router().target(this::open);
        if (launch.openSession() != null) {
            open(launch.openSession());
        } else if (launch.showWindow()) {
            open(null);
        }
        Thread t = new Thread(this::startTray, "claudemesh-tray-start");
        t.setDaemon(true);
        t.start();
    }

    private void startTray() {
        TrayChooser.Choice c = TrayChooser.choose(
                launch.env(), IconFiles.install(launch.home()), () -> open(null), Platform::runLater);
        Platform.runLater(() -> {
            if (down.get()) {
                if (c.host() != null) {
                    c.host().close();
                }
                return;
            }
            if (c.host() == null) {
                LOG.info("no tray icon: {}", c.whyNone());
                window.show();
                NoTrayNotice.show(window.stage(), c.whyNone());
                return;
            }
            tray = c.host();
            if (tray instanceof AwtTray awt && launch.trayNotifier() != null) {
                launch.trayNotifier().target(awt.notifier());
            }
            LOG.info("tray icon shown ({})", tray.kind());
            refreshTray();
        });
    }

    private void refreshTray() {
        TrayHost t = tray;
        if (t == null) {
            return;
        }
        List<SessionRow> sessions = List.copyOf(model.sessions());
        t.setMenu(TrayMenu.items(
                sessions,
                notificationsOn,
                new TrayMenu.Actions(
                        id -> SendDialog.open(window.stage(), services, model, id),
                        () -> open(null),
                        () -> window.openNewSession(),
                        this::toggleNotifications,
                        this::quit)));
        t.setTooltip(TrayMenu.title(sessions), TrayMenu.tooltip(sessions));
        boolean waiting = TrayMenu.waiting(sessions) > 0;
        if (waitingShown == null || waiting != waitingShown) {
            waitingShown = waiting;
            t.setWaiting(waiting);
        }
    }

    /** Brings the window forward, at a session when one is named; any thread. */
    void open(String sessionId) {
        Platform.runLater(() -> {
            if (sessionId == null) {
                window.show();
                LOG.info("window shown");
            } else {
                window.showSession(sessionId);
                LOG.info("window shows session {}", sessionId);
            }
        });
    }

    private void toggleNotifications() {
        NotifyMode next = notificationsOn ? NotifyMode.OFF : onMode;
        try {
            NotifySetting.write(launch.home(), next);
        } catch (MeshConfig.ConfigException | java.io.IOException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, "Notifications stay as they were: " + e.getMessage());
            a.setHeaderText("Cannot change config.json");
            a.show();
            return;
        }
        notificationsOn = next != NotifyMode.OFF;
        LOG.info("notifications {} (config.json notify={})", notificationsOn ? "on" : "off", next.wire());
        refreshTray();
    }

    /** Quit from the menu: stop everything, then end the toolkit. */
    void quit() {
        shutdown();
        Platform.exit();
        exited.countDown();
    }

    /** Stops the model, the icon, the tray link and the hosted daemon; idempotent, any thread (SIGTERM too). */
    void shutdown() {
        if (!down.compareAndSet(false, true)) {
            return;
        }
        LOG.info("claudemesh tray quitting");
        if (window != null) {
            try {
                window.shutdown(); // ends the terminal tabs' claude sessions as their own /exit would
            } catch (RuntimeException e) {
                LOG.warn("ending terminal sessions: {}", e.toString());
            }
        }
        if (model != null) {
            model.close();
        }
        TrayHost t = tray;
        if (t != null) {
            t.close();
        }
        launch.instance().close();
        TrayLauncher.closeHost(launch.host());
    }
}
