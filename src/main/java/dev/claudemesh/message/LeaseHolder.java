package dev.claudemesh.message;

import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Who holds a lease, and so by which path a message reached claude ({@code delivered_via}): the prompt or Stop
 * hook, the background waiter, the supervisor, a drain, or any other client.
 */
public enum LeaseHolder {
    HOOK_PROMPT("hook:prompt"),
    HOOK_STOP("hook:stop"),
    WAITER("waiter"),
    SUPERVISOR("supervisor"),
    DRAIN("drain"),
    CLIENT("client");

    private final String wire;

    LeaseHolder(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    /** Holders that wake claude: a message they failed to deliver often enough is left to the hooks. */
    public boolean wakes() {
        return this == SUPERVISOR || this == WAITER;
    }

    /** A holder a request named; null means {@link #CLIENT}. */
    public static LeaseHolder parse(String s) {
        if (s == null) {
            return CLIENT;
        }
        LeaseHolder known = find(s);
        if (known != null) {
            return known;
        }
        throw new InvalidInputException("holder must be one of "
                + Arrays.stream(values()).map(LeaseHolder::wire).collect(Collectors.joining(", ")) + ", got '"
                + Ids.printable(s) + "'");
    }

    /** A holder read back from the store; null stays null, a name this version does not know reads as a client. */
    public static LeaseHolder fromStore(String s) {
        if (s == null) {
            return null;
        }
        LeaseHolder known = find(s);
        return known == null ? CLIENT : known;
    }

    private static LeaseHolder find(String wire) {
        for (LeaseHolder h : values()) {
            if (h.wire.equals(wire)) {
                return h;
            }
        }
        return null;
    }
}
