/**
 * The PTY supervisor behind {@code claudemesh [claude args]}: claude runs in a pseudo-terminal, the user's terminal
 * is passed through byte for byte, and pending tasks are typed into claude when the typing guard allows.
 *
 * <p>Entry point: {@link dev.claudemesh.supervisor.SupervisorMain#run}. The daemon plugs in through {@link
 * dev.claudemesh.supervisor.TaskFeedFactory} (called with claude's process once it runs) and {@link
 * dev.claudemesh.supervisor.TaskFeed} (long-poll the session state, lease, release); {@link
 * dev.claudemesh.supervisor.SupervisorListener} reports the child, gate changes and deliveries for logs.
 *
 * <p>Pieces: {@link dev.claudemesh.supervisor.PtySession} (the child in a PTY, a {@link
 * dev.claudemesh.supervisor.PtyConnector}), {@code HostTerminal} (raw mode, size, signals), {@code Passthrough}
 * (pump threads), {@link dev.claudemesh.supervisor.InputTracker} (last key, draft), {@link
 * dev.claudemesh.supervisor.InjectionGate} (the decision), {@link dev.claudemesh.supervisor.PasteTyper} (what is
 * typed), {@link dev.claudemesh.supervisor.DeliveryLoop} (when).
 */
package dev.claudemesh.supervisor;
