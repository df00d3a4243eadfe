/**
 * claudemesh's own files and settings, shared by the daemon and its clients: {@link dev.claudemesh.config.MeshHome}
 * (the folder and its file names), {@link dev.claudemesh.config.MeshConfig} ({@code config.json} and environment),
 * {@link dev.claudemesh.config.Token} and {@link dev.claudemesh.config.DaemonState} (how clients find the daemon).
 * {@code MeshHome}, {@code Token} and {@code DaemonState} are JDK-only: the hook path reads them.
 */
package dev.claudemesh.config;
