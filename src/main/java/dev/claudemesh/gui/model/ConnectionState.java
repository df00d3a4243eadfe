package dev.claudemesh.gui.model;

import java.util.Objects;

/**
 * How the app's link to the daemon stands: {@code CONNECTED}; {@code RECONNECTING} (it was there and stopped
 * answering; retrying); {@code DOWN} (none can be reached for a while, or the model was closed). {@code reason} is a
 * sentence for people, empty when connected.
 */
public record ConnectionState(Status status, String reason) {
    public enum Status {
        CONNECTED,
        RECONNECTING,
        DOWN
    }

    public ConnectionState {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static ConnectionState connected() {
        return new ConnectionState(Status.CONNECTED, "");
    }

    public static ConnectionState reconnecting(String reason) {
        return new ConnectionState(Status.RECONNECTING, reason);
    }

    public static ConnectionState down(String reason) {
        return new ConnectionState(Status.DOWN, reason);
    }

    public boolean isConnected() {
        return status == Status.CONNECTED;
    }

    /** One line for a status bar. */
    public String describe() {
        return switch (status) {
            case CONNECTED -> "Connected to the claudemesh daemon";
            case RECONNECTING -> "Reconnecting to the daemon… " + reason;
            case DOWN -> "Daemon unavailable: " + reason;
        };
    }
}
