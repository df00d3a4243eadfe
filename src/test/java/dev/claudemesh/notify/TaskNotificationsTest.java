package dev.claudemesh.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.claudemesh.config.NotifyMode;
import dev.claudemesh.message.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskNotificationsTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final AtomicReference<NotifyMode> mode = new AtomicReference<>(NotifyMode.UNWAKEABLE);
    final List<Notification> shown = new ArrayList<>();
    final Notifier recorder = new Notifier() {
        @Override
        public void show(Notification n) {
            shown.add(n);
        }

        @Override
        public String name() {
            return "recorder";
        }
    };
    final TaskNotifications notes = new TaskNotifications(
            mode::get, recorder, new SessionRateLimit(TaskNotifications.RATE_LIMIT_MILLIS, now::get));

    static TaskArrival task(String id) {
        return new TaskArrival(id, "api", "cli", MessageKind.TASK, "do it", true, false, false);
    }

    @Test
    void a_second_task_for_the_same_session_within_the_window_is_not_notified() {
        assertTrue(notes.onArrival(task("aaaa1111")));
        now.addAndGet(1_000);
        assertFalse(notes.onArrival(task("aaaa1111")));
        assertTrue(notes.onArrival(task("bbbb2222")), "another session has its own window");
        now.addAndGet(TaskNotifications.RATE_LIMIT_MILLIS);
        assertTrue(notes.onArrival(task("aaaa1111")));
        assertEquals(3, shown.size());
    }

    @Test
    void the_mode_is_read_at_each_arrival() {
        mode.set(NotifyMode.OFF);
        assertFalse(notes.onArrival(task("aaaa1111")));
        mode.set(NotifyMode.UNWAKEABLE);
        assertTrue(notes.onArrival(task("aaaa1111")), "an arrival refused by the mode does not use the window");
    }

    @Test
    void a_failing_back_end_is_survived() {
        TaskNotifications failing = new TaskNotifications(
                mode::get,
                new Notifier() {
                    @Override
                    public void show(Notification n) {
                        throw new IllegalStateException("no bus");
                    }

                    @Override
                    public String name() {
                        return "broken";
                    }
                },
                new SessionRateLimit(0, now::get));
        assertFalse(failing.onArrival(task("aaaa1111")));
        assertFalse(failing.onArrival(task("aaaa1111")));
    }
}
