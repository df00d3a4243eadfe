/**
 * Everything a client needs to reach the daemon: {@link dev.claudemesh.client.DaemonClient} (the one client, typed
 * endpoint methods), its {@link dev.claudemesh.client.Transport}s ({@code DirectTransport} for one daemon, {@link
 * dev.claudemesh.client.ReconnectingTransport} for long-lived clients), {@link dev.claudemesh.client.DaemonStarter}
 * (find, start or replace the daemon) and {@link dev.claudemesh.client.LeanHttp}, the JDK-only HTTP/1.1 client the
 * hook path shares. Never depends on {@code daemon}.
 */
package dev.claudemesh.client;
