package dev.claudemesh.gui;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's uncaught-exception handler: logs the failure (stderr and {@code tray.log} in the home) and shows
 * it in a dialog whose details (the stack trace) expand on demand. The app keeps running. While a dialog is
 * open, further failures are only logged and counted in it.
 */
public final class ErrorDialog implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);

    private final Path log;
    private Alert open;
    private int more;

    public ErrorDialog(Path log) {
        this.log = log;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        LOG.error("uncaught exception on thread {}", t.getName(), e);
        append(t, e);
        if (Platform.isFxApplicationThread()) {
            show(e);
        } else {
            try {
                Platform.runLater(() -> show(e));
            } catch (IllegalStateException toolkitGone) {
                // the app is shutting down: the log has it
            }
        }
    }

    private void show(Throwable e) {
        if (open != null && open.isShowing()) {
            more++;
            open.setHeaderText(header() + " (and " + more + " more; see " + log + ")");
            return;
        }
        more = 0;
        open = build(e);
        open.show();
    }

    private static String header() {
        return "Something went wrong in claudemesh";
    }

    /** The dialog for a failure: one line of what happened, the stack trace behind "Show details". */
    public static Alert build(Throwable e) {
        Alert a = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        a.setTitle("claudemesh: error");
        a.setHeaderText(header());
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        a.setContentText(msg + "\n\nThe app keeps running. The details are also in the tray log.");
        TextArea trace = new TextArea(stackTrace(e));
        trace.setId("error-details");
        trace.setEditable(false);
        trace.setWrapText(false);
        trace.setPrefRowCount(14);
        trace.setPrefColumnCount(90);
        GridPane.setHgrow(trace, Priority.ALWAYS);
        GridPane.setVgrow(trace, Priority.ALWAYS);
        GridPane details = new GridPane();
        details.add(new Label("Stack trace:"), 0, 0);
        details.add(trace, 0, 1);
        a.getDialogPane().setExpandableContent(details);
        return a;
    }

    static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private void append(Thread t, Throwable e) {
        try {
            Files.writeString(
                    log,
                    Instant.now() + " uncaught exception on " + t.getName() + ": " + stackTrace(e),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException io) {
            LOG.warn("cannot write {}: {}", log, io.toString());
        }
    }
}
