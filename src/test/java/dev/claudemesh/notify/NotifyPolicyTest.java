package dev.claudemesh.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.claudemesh.config.NotifyMode;
import dev.claudemesh.message.MessageKind;
import org.junit.jupiter.api.Test;

class NotifyPolicyTest {
    static TaskArrival arrival(MessageKind kind, boolean idle, boolean supervised, boolean waiter) {
        return new TaskArrival("abcd1234", "api", "cli", kind, "deploy it", idle, supervised, waiter);
    }

    @Test
    void a_task_for_an_idle_session_nothing_can_wake_is_notified() {
        assertTrue(NotifyPolicy.wants(NotifyMode.UNWAKEABLE, arrival(MessageKind.TASK, true, false, false)));
    }

    @Test
    void a_note_is_never_notified_in_any_mode() {
        for (NotifyMode m : NotifyMode.values()) {
            assertFalse(NotifyPolicy.wants(m, arrival(MessageKind.NOTE, true, false, false)), m.wire());
        }
    }

    @Test
    void a_busy_session_gets_its_task_from_the_stop_hook_so_no_notification() {
        assertFalse(NotifyPolicy.wants(NotifyMode.UNWAKEABLE, arrival(MessageKind.TASK, false, false, false)));
        assertFalse(NotifyPolicy.wants(NotifyMode.UNSUPERVISED, arrival(MessageKind.TASK, false, false, false)));
    }

    @Test
    void a_supervised_session_is_woken_by_its_supervisor_so_no_notification() {
        assertFalse(NotifyPolicy.wants(NotifyMode.UNWAKEABLE, arrival(MessageKind.TASK, true, true, false)));
        assertFalse(NotifyPolicy.wants(NotifyMode.UNSUPERVISED, arrival(MessageKind.TASK, true, true, true)));
    }

    @Test
    void a_waiter_wakes_the_session_so_only_the_unsupervised_mode_notifies() {
        assertFalse(NotifyPolicy.wants(NotifyMode.UNWAKEABLE, arrival(MessageKind.TASK, true, false, true)));
        assertTrue(NotifyPolicy.wants(NotifyMode.UNSUPERVISED, arrival(MessageKind.TASK, true, false, true)));
    }

    @Test
    void off_never_notifies() {
        assertFalse(NotifyPolicy.wants(NotifyMode.OFF, arrival(MessageKind.TASK, true, false, false)));
    }
}
