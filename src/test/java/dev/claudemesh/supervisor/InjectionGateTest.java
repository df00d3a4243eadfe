package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.supervisor.GateDecision.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InjectionGateTest {
    private final FakeClock clock = new FakeClock();
    private final InjectionGate gate = new InjectionGate(Duration.ofMillis(500), clock);
    private final FeedState pendingIdle = new FeedState(7, true, 1);

    private InputSnapshot keyAgo(Duration ago, boolean draft) {
        return new InputSnapshot(draft, true, clock.nanos() - ago.toNanos());
    }

    @Test
    void injects_when_a_task_is_pending_the_session_idle_the_user_silent_and_the_line_empty() {
        assertThat(gate.decide(pendingIdle, keyAgo(Duration.ofSeconds(3), false))
                        .inject())
                .isTrue();
    }

    @Test
    void injects_when_the_user_never_typed() {
        assertThat(gate.decide(pendingIdle, InputSnapshot.NONE).verdict()).isEqualTo(Verdict.INJECT);
    }

    @Test
    void waits_without_a_pending_task() {
        assertThat(gate.decide(new FeedState(7, true, 0), InputSnapshot.NONE).verdict())
                .isEqualTo(Verdict.NO_TASK);
    }

    @Test
    void waits_while_claude_is_busy() {
        assertThat(gate.decide(new FeedState(7, false, 2), InputSnapshot.NONE).verdict())
                .isEqualTo(Verdict.BUSY);
    }

    @Test
    void waits_without_state_from_the_daemon() {
        assertThat(gate.decide(null, InputSnapshot.NONE).verdict()).isEqualTo(Verdict.NO_STATE);
    }

    @Test
    void never_types_into_a_draft_however_old() {
        GateDecision decision = gate.decide(pendingIdle, keyAgo(Duration.ofHours(2), true));
        assertThat(decision.verdict()).isEqualTo(Verdict.DRAFT);
        assertThat(decision.reason()).isEqualTo("the input line holds a draft");
    }

    @Test
    void waits_out_the_rest_of_the_silence_window_after_a_key() {
        GateDecision decision = gate.decide(pendingIdle, keyAgo(Duration.ofMillis(120), false));
        assertThat(decision.verdict()).isEqualTo(Verdict.USER_ACTIVE);
        assertThat(decision.retryIn()).isEqualTo(Duration.ofMillis(380));
        assertThat(decision.reason()).contains("380 ms to go");
    }

    @Test
    void the_silence_window_ends_exactly_after_its_length() {
        assertThat(gate.decide(pendingIdle, keyAgo(Duration.ofMillis(499), false))
                        .inject())
                .isFalse();
        assertThat(gate.decide(pendingIdle, keyAgo(Duration.ofMillis(500), false))
                        .inject())
                .isTrue();
    }

    @Test
    void the_silence_window_is_configurable() {
        InjectionGate patient = new InjectionGate(Duration.ofSeconds(2), clock);
        assertThat(patient.decide(pendingIdle, keyAgo(Duration.ofMillis(1500), false))
                        .verdict())
                .isEqualTo(Verdict.USER_ACTIVE);
    }

    @Test
    void a_draft_is_reported_before_recent_typing() {
        assertThat(gate.decide(pendingIdle, keyAgo(Duration.ZERO, true)).verdict())
                .isEqualTo(Verdict.DRAFT);
    }

    @Test
    void a_held_lease_is_checked_without_the_pending_count() {
        FeedState leasedAway = new FeedState(8, true, 0);
        assertThat(gate.decideLeased(leasedAway, InputSnapshot.NONE).inject()).isTrue();
        assertThat(gate.decideLeased(new FeedState(8, false, 0), InputSnapshot.NONE)
                        .verdict())
                .isEqualTo(Verdict.BUSY);
        assertThat(gate.decideLeased(leasedAway, keyAgo(Duration.ofMillis(10), false))
                        .verdict())
                .isEqualTo(Verdict.USER_ACTIVE);
    }

    @Test
    void a_negative_silence_window_is_refused() {
        assertThatThrownBy(() -> new InjectionGate(Duration.ofMillis(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
