package dev.claudemesh.message;

import dev.claudemesh.session.InvalidInputException;
import java.util.Locale;

/** A task wakes its receiver and is to be acted on; a note is informational and waits for the next prompt. */
public enum MessageKind {
    TASK,
    NOTE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    public static MessageKind parse(String s) {
        if (s == null) {
            return TASK;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "task" -> TASK;
            case "note" -> NOTE;
            default ->
                throw new InvalidInputException(
                        "message kind must be 'task' or 'note', got '" + dev.claudemesh.session.Ids.printable(s) + "'");
        };
    }
}
