package dev.claudemesh.message;

import java.util.Locale;

/** Where a message is in its delivery: waiting, handed to one delivery path under a lease, or delivered. */
public enum MessageState {
    PENDING,
    LEASED,
    ACKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    public static MessageState parse(String s) {
        for (MessageState m : values()) {
            if (m.wire().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown message state '" + s + "'");
    }
}
