package dev.claudemesh.gui;

import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the app is started with.
 *
 * @param host the daemon host, coming up while the toolkit starts (the icon does not wait for the daemon)
 * @param openSession a session to show at start (a notification click that started the app), or null
 * @param showWindow open the window at start even when there is a tray icon
 */
record TrayLaunch(
        Map<String, String> env,
        MeshHome home,
        MeshConfig config,
        TrayInstance instance,
        CompletableFuture<DaemonHost> host,
        ClickRouter router,
        DeferredNotifier trayNotifier,
        String openSession,
        boolean showWindow) {}
