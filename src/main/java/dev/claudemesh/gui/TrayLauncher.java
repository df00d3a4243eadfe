package dev.claudemesh.gui;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.notify.Notifier;
import dev.claudemesh.notify.desktop.DesktopNotifiers;
import dev.claudemesh.notify.desktop.IconFiles;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the tray app (the launcher is not the {@code Application} subclass, so JavaFX runs from the
 * classpath): listens on the tray link, hosts the daemon when none runs, starts the toolkit and waits until
 * the app quits. SIGTERM runs the same clean stop as Quit.
 */
public final class TrayLauncher {
    private TrayLauncher() {}

    public static int run(
            Map<String, String> env,
            MeshHome home,
            MeshConfig config,
            TrayInstance instance,
            String openSession,
            boolean showWindow)
            throws Exception {
        ClickRouter router = new ClickRouter();
        instance.listen(req -> router.open(req.sessionId()));
        DeferredNotifier trayNotifier = new DeferredNotifier();
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        CompletableFuture<DaemonHost> host = CompletableFuture.supplyAsync(() -> {
            try {
                return DaemonHost.start(home, config, env, () -> {
                    Notifier n =
                            DesktopNotifiers.forPlatform(env, router::open, () -> IconFiles.notificationIcon(home));
                    return n == Notifier.NONE && windows ? trayNotifier : n;
                });
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        TrayLaunch launch =
                new TrayLaunch(env, home, config, instance, host, router, trayNotifier, openSession, showWindow);
        CountDownLatch exited = new CountDownLatch(1);
        AtomicReference<TrayApp> app = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            TrayApp a = app.get();
                            if (a != null) {
                                a.shutdown();
                            } else {
                                closeHost(host);
                                instance.close();
                            }
                        },
                        "claudemesh-tray-exit"));
        ErrorDialog errors = new ErrorDialog(home.dir().resolve("tray.log"));
        Thread.setDefaultUncaughtExceptionHandler(errors);
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> {
                Thread.currentThread().setUncaughtExceptionHandler(errors);
                WindowClass.apply();
                TrayApp a = new TrayApp(launch, exited);
                app.set(a);
                try {
                    a.start(new Stage());
                } catch (RuntimeException | LinkageError e) {
                    failed.set(e);
                    a.quit();
                }
            });
        } catch (RuntimeException e) {
            closeHost(host);
            instance.close();
            throw e;
        }
        exited.await();
        if (failed.get() != null) {
            throw new IllegalStateException("the tray app failed to start: " + failed.get(), failed.get());
        }
        return 0;
    }

    /** Stops the hosted daemon once its start is over, whichever way it went. */
    static void closeHost(CompletableFuture<DaemonHost> host) {
        try {
            host.join().close();
        } catch (RuntimeException failedToStart) {
            // nothing is hosted
        }
    }
}
