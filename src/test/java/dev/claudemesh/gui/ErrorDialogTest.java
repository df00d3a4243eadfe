package dev.claudemesh.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorDialogTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.startToolkit();
    }

    @AfterEach
    void closeDialogs() throws Exception {
        FxTesting.runFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s
                        && s.getScene() != null
                        && s.getScene().getRoot() instanceof DialogPane)
                .toList()
                .forEach(Window::hide));
    }

    @Test
    void an_uncaught_exception_shows_a_dialog_with_the_stack_trace_logs_it_and_the_app_keeps_running()
            throws Exception {
        Path log = dir.resolve("tray.log");
        ErrorDialog handler = new ErrorDialog(log);
        FxTesting.runFx(() -> Thread.currentThread().setUncaughtExceptionHandler(handler));
        Platform.runLater(() -> {
            throw new IllegalStateException("the daemon answered nonsense");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> FxTesting.onFx(() -> dialog() != null));
        DialogPane pane = FxTesting.onFx(this::dialog);
        assertThat(pane.getHeaderText()).isEqualTo("Something went wrong in claudemesh");
        assertThat(pane.getContentText()).startsWith("the daemon answered nonsense");
        TextArea details = (TextArea) pane.getExpandableContent().lookup("#error-details");
        assertThat(details.getText())
                .contains("java.lang.IllegalStateException: the daemon answered nonsense", "\tat ");
        assertThat(Files.readString(log)).contains("the daemon answered nonsense");
        CompletableFuture<String> still = new CompletableFuture<>();
        Platform.runLater(() -> still.complete("alive"));
        assertThat(still.get(30, TimeUnit.SECONDS)).isEqualTo("alive");
    }

    @Test
    void failures_while_a_dialog_is_open_are_counted_in_it_not_stacked() throws Exception {
        ErrorDialog handler = new ErrorDialog(dir.resolve("tray.log"));
        FxTesting.runFx(() -> {
            handler.uncaughtException(Thread.currentThread(), new RuntimeException("one"));
            handler.uncaughtException(Thread.currentThread(), new RuntimeException("two"));
        });
        assertThat(FxTesting.onFx(() -> Window.getWindows().stream()
                        .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                        .count()))
                .isEqualTo(1);
        assertThat(FxTesting.onFx(() -> dialog().getHeaderText())).contains("and 1 more");
    }

    private DialogPane dialog() {
        return Window.getWindows().stream()
                .filter(Window::isShowing)
                .map(Window::getScene)
                .filter(s -> s != null && s.getRoot() instanceof DialogPane)
                .map(s -> (DialogPane) s.getRoot())
                .findFirst()
                .orElse(null);
    }
}
