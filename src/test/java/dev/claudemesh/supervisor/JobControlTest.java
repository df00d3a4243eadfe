package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JobControlTest {
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leftRaw = new AtomicBoolean();

    private final JobControl.Moves recorder = new JobControl.Moves() {
        @Override
        public boolean leftRawMode() {
            return leftRaw.get();
        }

        @Override
        public void stopClaude() {
            moves.add("stop claude");
        }

        @Override
        public void releaseTerminal() {
            moves.add("release terminal");
        }

        @Override
        public boolean stopSelf() {
            moves.add("stop self");
            return false;
        }

        @Override
        public void takeTerminal() {
            moves.add("take terminal");
        }

        @Override
        public void continueClaude() {
            moves.add("continue claude");
        }
    };

    @Test
    void a_ctrl_z_after_which_claude_leaves_raw_mode_stops_both_and_continues_both_in_order() {
        try (JobControl control = new JobControl(recorder)) {
            control.suspendKeyTyped();
            leftRaw.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> moves.size() == 5);
            assertThat(moves)
                    .containsExactly(
                            "stop claude", "release terminal", "stop self", "take terminal", "continue claude");
        }
    }

    @Test
    void claude_staying_in_raw_mode_after_a_ctrl_z_or_leaving_it_without_one_is_left_alone() {
        try (JobControl control = new JobControl(recorder)) {
            control.suspendKeyTyped(); // claude has Ctrl-Z bound to something else: it stays raw
            await().during(Duration.ofMillis(JobControl.WATCH_MILLIS + 300))
                    .atMost(Duration.ofSeconds(10))
                    .until(moves::isEmpty);
            leftRaw.set(true); // then it leaves raw mode for its own reasons (exit, an editor): no Ctrl-Z came
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(10))
                    .until(moves::isEmpty);
        }
    }

    @Test
    void ctrl_z_is_recognised_as_a_byte_and_as_a_kitty_key_but_not_in_other_keys() {
        assertThat(holds("ab\u001acd")).isTrue();
        assertThat(holds("\u001b[122;5u")).isTrue();
        assertThat(holds("x\u001b[122;5uy")).isTrue();
        assertThat(holds("z")).isFalse();
        assertThat(holds("\u001b[122;5")).as("cut short").isFalse();
        assertThat(holds("\u001b[122;6u")).as("ctrl+shift+z").isFalse();
        byte[] bytes = "xx\u001a".getBytes(StandardCharsets.US_ASCII);
        assertThat(JobControl.holdsSuspendKey(bytes, 0, 2))
                .as("outside the range read")
                .isFalse();
    }

    private static boolean holds(String keys) {
        byte[] bytes = keys.getBytes(StandardCharsets.US_ASCII);
        return JobControl.holdsSuspendKey(bytes, 0, bytes.length);
    }
}
