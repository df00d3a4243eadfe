package dev.claudemesh.gui;

import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs a daemon call on the services' executor and hands its result or failure back on the JavaFX thread. */
public final class Background {
    private Background() {}

    /** One call against the daemon client. */
    @FunctionalInterface
    public interface Call<T> {
        T run(DaemonClient client) throws Exception;
    }

    public static <T> CompletableFuture<T> call(
            GuiServices services, Call<T> call, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        CompletableFuture<T> f = new CompletableFuture<>();
        services.background().execute(() -> {
            try {
                T v = call.run(services.client());
                f.complete(v);
                Platform.runLater(() -> onResult.accept(v));
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
        return f;
    }

    /** A failure as a sentence for people. */
    public static String describe(Throwable e) {
        if (e instanceof DaemonUnavailableException) {
            return "The claudemesh daemon cannot be reached: " + e.getMessage();
        }
        if (e instanceof ApiException a) {
            return a.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
