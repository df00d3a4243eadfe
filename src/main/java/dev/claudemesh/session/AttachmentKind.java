package dev.claudemesh.session;

import java.util.Locale;

/** What can attach to a session to wake it: the PTY supervisor or the background Stop waiter. */
public enum AttachmentKind {
    SUPERVISOR,
    WAITER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    public static AttachmentKind parse(String s) {
        for (AttachmentKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        throw new InvalidInputException("attachment kind must be 'supervisor' or 'waiter'");
    }
}
