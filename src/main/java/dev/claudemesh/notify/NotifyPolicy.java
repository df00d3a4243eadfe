package dev.claudemesh.notify;

import dev.claudemesh.config.NotifyMode;
import dev.claudemesh.message.MessageKind;

/**
 * Whether a message deserves a desktop notification. A person is only asked to look when the mesh cannot
 * wake the receiver by itself: a task (never a note) for an idle session (a busy one gets it from its Stop
 * hook at the end of the turn) that has no supervisor (it would type the task in) and, in the default mode,
 * no background waiter (it would wake claude).
 */
public final class NotifyPolicy {
    private NotifyPolicy() {}

    public static boolean wants(NotifyMode mode, TaskArrival a) {
        if (mode == NotifyMode.OFF || a.kind() != MessageKind.TASK || !a.idle() || a.supervised()) {
            return false;
        }
        return mode == NotifyMode.UNSUPERVISED || !a.waiter();
    }
}
