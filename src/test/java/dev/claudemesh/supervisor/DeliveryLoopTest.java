package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.supervisor.GateDecision.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery loop on a {@link FakeClock}: the silence window and the submit timeout pass only when a test
 * advances the clock, so "not yet" is decided by the clock, not by how fast the machine is. Waiting for something
 * not to happen is an Awaitility {@code during}.
 */
class DeliveryLoopTest {
    private static final String ESC = "\u001b";
    private static final Duration SILENCE = Duration.ofMillis(200);

    private final FakeFeed feed = new FakeFeed();
    private final RecordingPty pty = new RecordingPty();
    private static final Duration QUIET = Duration.ofMillis(400);

    private final FakeClock clock = new FakeClock();
    private final InputTracker tracker = new InputTracker(clock);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final SupervisorListener listener = new SupervisorListener() {
        @Override
        public void gateChanged(GateDecision decision) {
            events.add("gate " + decision.verdict());
        }

        @Override
        public void delivered(TypingLease lease) {
            events.add("delivered " + lease.leaseId());
        }

        @Override
        public void released(TypingLease lease, GateDecision why) {
            events.add("released " + lease.leaseId() + " " + why.verdict());
        }

        @Override
        public void problem(String message, Exception cause) {
            events.add("problem " + message);
        }
    };
    private DeliveryLoop loop;
    private Thread thread;

    private void start(DeliveryMode mode, Duration submitTimeout) {
        loop = new DeliveryLoop(
                feed,
                tracker,
                new InjectionGate(SILENCE, clock),
                new PasteTyper(pty, mode),
                listener,
                clock,
                Duration.ofSeconds(30),
                submitTimeout);
        thread = new Thread(loop, "delivery-under-test");
        thread.start();
    }

    private void start() {
        start(DeliveryMode.PASTE, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(5000);
            assertThat(thread.isAlive()).as("loop stopped").isFalse();
        }
    }

    private void type(String keys) {
        byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
        tracker.observe(bytes, 0, bytes.length);
    }

    /** Waits until the loop reported {@code verdict}: it has looked at the current state and decided. */
    private void awaitGate(Verdict verdict) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("gate " + verdict));
    }

    /** Nothing is typed for a while (the loop had every chance to). */
    private void assertNothingTyped() {
        await().during(QUIET)
                .atMost(Duration.ofSeconds(20))
                .until(() -> pty.writes().isEmpty());
    }

    private static TypingLease lease(String id, String text) {
        return new TypingLease(id, List.of("m-" + id), text);
    }

    @Test
    void types_a_pending_task_when_claude_is_idle_and_the_user_silent() throws Exception {
        feed.queueLease(lease("L1", "from ab12 (api): hello"));
        feed.set(true, 1);
        start();
        List<RecordingPty.Write> writes = pty.await(1, 5000);
        assertThat(writes)
                .extracting(RecordingPty.Write::text)
                .containsExactly(ESC + "[200~from ab12 (api): hello" + ESC + "[201~\r");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("delivered L1"));
    }

    @Test
    void waits_while_claude_is_busy_and_types_once_it_is_idle() throws Exception {
        feed.queueLease(lease("L1", "task"));
        feed.set(false, 1);
        start();
        awaitGate(Verdict.BUSY);
        assertThat(pty.writes()).isEmpty();
        assertThat(feed.leaseCalls()).isZero();
        feed.set(true, 1);
        assertThat(pty.await(1, 5000)).hasSize(1);
    }

    @Test
    void waits_out_the_silence_window_after_the_last_key() throws Exception {
        feed.queueLease(lease("L1", "task"));
        type("x\u0003"); // a key, but no draft left
        feed.set(true, 1);
        start();
        awaitGate(Verdict.USER_ACTIVE);
        clock.advance(SILENCE.minusMillis(1));
        assertNothingTyped();
        clock.advance(Duration.ofMillis(1));
        assertThat(pty.await(1, 20_000)).hasSize(1);
    }

    @Test
    void never_types_into_a_draft_and_types_once_it_is_cleared() throws Exception {
        feed.queueLease(lease("L1", "task"));
        type("half a thought");
        feed.set(true, 1);
        start();
        awaitGate(Verdict.DRAFT);
        clock.advance(SILENCE.multipliedBy(10));
        assertNothingTyped();
        assertThat(feed.leaseCalls()).isZero();
        type("\u0015"); // Ctrl-U clears the typed draft
        clock.advance(SILENCE);
        assertThat(pty.await(1, 5000)).hasSize(1);
    }

    @Test
    void gives_the_lease_back_when_the_user_types_between_lease_and_typing() throws Exception {
        feed.queueLease(lease("L1", "task"));
        feed.onLease(() -> {
            type("a");
            feed.onLease(() -> {});
        });
        feed.set(true, 1);
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("released L1 " + Verdict.DRAFT));
        assertThat(feed.released()).extracting(TypingLease::leaseId).containsExactly("L1");
        assertThat(pty.writes()).isEmpty();
    }

    @Test
    void an_empty_lease_means_another_path_delivered_and_the_loop_waits_for_news() throws Exception {
        feed.queueNoLease();
        feed.set(true, 1);
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.leaseCalls() == 1);
        assertNothingTyped();
        assertThat(feed.leaseCalls()).isEqualTo(1);
        feed.queueLease(lease("L2", "task"));
        feed.set(true, 1);
        assertThat(pty.await(1, 5000)).hasSize(1);
    }

    @Test
    void does_not_type_again_before_claude_took_the_typed_prompt() throws Exception {
        feed.queueLease(lease("L1", "first"));
        feed.queueLease(lease("L2", "second"));
        feed.set(true, 1);
        start(DeliveryMode.PASTE, Duration.ofSeconds(30));
        pty.await(1, 5000);
        feed.set(true, 1); // a new task arrives before claude's UserPromptSubmit reached the daemon
        await().during(QUIET)
                .atMost(Duration.ofSeconds(20))
                .until(() -> pty.writes().size() == 1);
        feed.set(false, 1); // claude took the prompt
        feed.set(true, 1); // and finished its turn
        assertThat(pty.await(2, 5000))
                .extracting(RecordingPty.Write::text)
                .contains(ESC + "[200~second" + ESC + "[201~\r");
    }

    @Test
    void types_again_after_the_submit_timeout_when_claude_never_took_the_prompt() throws Exception {
        feed.queueLease(lease("L1", "first"));
        feed.queueLease(lease("L1-again", "first"));
        feed.set(true, 1);
        start(DeliveryMode.PASTE, Duration.ofMillis(300));
        pty.await(1, 5000);
        feed.set(true, 1); // the lease expired unconfirmed: the task is pending again
        await().during(QUIET)
                .atMost(Duration.ofSeconds(20))
                .until(() -> pty.writes().size() == 1);
        clock.advance(Duration.ofMillis(300));
        assertThat(pty.await(2, 20_000)).hasSize(2);
    }

    @Test
    void a_submitted_prompt_clears_a_draft_that_ended_with_enter() throws Exception {
        feed.queueLease(lease("L1", "task"));
        type("look at @Main\r"); // Enter may have picked a completion: still a draft
        feed.set(true, 1);
        start();
        awaitGate(Verdict.DRAFT);
        clock.advance(SILENCE.multipliedBy(10));
        assertNothingTyped();
        feed.set(false, 1); // the daemon saw UserPromptSubmit: the Enter submitted after all
        feed.set(true, 1);
        assertThat(pty.await(1, 5000)).hasSize(1);
    }

    @Test
    void sentinel_mode_types_the_inbox_word() throws Exception {
        feed.queueLease(lease("L1", "rendered text the hook will attach"));
        feed.set(true, 1);
        start(DeliveryMode.SENTINEL, Duration.ofSeconds(10));
        assertThat(pty.await(1, 5000)).extracting(RecordingPty.Write::text).containsExactly("[inbox]\r");
    }

    @Test
    void is_event_driven_and_does_not_poll_the_daemon() throws Exception {
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.awaitCalls() >= 1);
        int before = feed.awaitCalls();
        type("some typing\r");
        clock.advance(Duration.ofMinutes(5));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(20)).until(() -> feed.awaitCalls() == before);
        assertThat(before).isLessThanOrEqualTo(2);
    }

    @Test
    void recovers_after_the_daemon_was_unreachable() throws Exception {
        feed.failNextAwaits(1);
        feed.queueLease(lease("L1", "task"));
        feed.set(true, 1);
        start();
        assertThat(pty.await(1, 8000)).hasSize(1);
        assertThat(events).anyMatch(e -> e.startsWith("problem cannot reach the daemon"));
    }
}
