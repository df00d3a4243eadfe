package dev.claudemesh.mesh;

import java.util.Locale;

/**
 * How a sent message will reach its receiver: {@code realtime} (a supervisor wakes it now), {@code end-of-turn} (it
 * is busy; its Stop hook hands the task over) or {@code next-prompt}.
 */
public enum DeliveryPath {
    REALTIME,
    END_OF_TURN,
    NEXT_PROMPT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return wire();
    }

    public static DeliveryPath parse(String s) {
        for (DeliveryPath p : values()) {
            if (p.wire().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown delivery path '" + s + "'");
    }
}
