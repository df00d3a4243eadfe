package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.message.Lease;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Registration;
import dev.claudemesh.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which claude processes' prompt hooks may skip the daemon: a live session's while none of its messages is open, so a
 * prompt never misses a message it could deliver (or a typed task it must prove delivered). Prompts that skipped it
 * mark their session busy at their own time.
 */
class QuietPromptLedgerTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);
    final Set<Long> alive = ConcurrentHashMap.newKeySet();
    final ProcessProbe probe = pid -> alive.contains(pid) ? OptionalLong.of(7) : OptionalLong.empty();
    final Markers markers = new Markers();
    final Set<MessageKind> all = EnumSet.allOf(MessageKind.class);
    Database db;
    Mesh mesh;
    String id;

    /** The markers as the files would hold them, and the prompts that skipped the daemon, waiting to be taken. */
    static final class Markers implements QuietPrompts {
        final Set<Long> allowed = ConcurrentHashMap.newKeySet();
        final List<Prompt> written = new ArrayList<>();
        final Map<Long, Integer> revokes = new ConcurrentHashMap<>();

        @Override
        public void allow(long pid) {
            allowed.add(pid);
        }

        @Override
        public void revoke(long pid) {
            allowed.remove(pid);
            revokes.merge(pid, 1, Integer::sum);
        }

        @Override
        public synchronized List<Prompt> take() {
            List<Prompt> out = List.copyOf(written);
            written.clear();
            return out;
        }

        synchronized void prompt(long pid, String sessionId, long at) {
            written.add(new Prompt(pid, sessionId, at));
        }
    }

    @BeforeEach
    void open() throws Exception {
        alive.addAll(List.of(21L, 22L));
        db = Database.open(dir.resolve("m.db"));
        mesh = new Mesh(db, probe, new MeshLimits(64 * 1024, 3, 5, 1_000, 30), now::get);
        mesh.useQuietPrompts(markers);
        id = mesh.register(new Registration("s-quiet", 21, "/w/quiet", null, null))
                .session()
                .id();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void a_registered_session_with_nothing_waiting_may_skip_the_daemon() {
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void a_message_sent_to_it_revokes_its_pid_before_the_send_returns_and_the_last_ack_allows_it_again()
            throws Exception {
        mesh.send("cli", id, "note", "one", null);
        assertThat(markers.allowed).isEmpty();
        mesh.send("cli", id, "task", "two", null);
        Lease first = mesh.lease(id, EnumSet.of(MessageKind.NOTE), LeaseHolder.HOOK_PROMPT, 0, 50);
        mesh.ackLease(first.id());
        assertThat(markers.allowed).as("a task is still open").isEmpty();
        Lease second = mesh.lease(id, all, LeaseHolder.HOOK_STOP, 0, 50);
        assertThat(markers.allowed).as("leased, not yet proven delivered").isEmpty();
        mesh.ackLease(second.id());
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void a_released_or_expired_lease_keeps_the_prompt_asking() throws Exception {
        mesh.send("cli", id, "task", "typed", null);
        Lease l = mesh.lease(id, all, LeaseHolder.SUPERVISOR, 0, 50);
        mesh.release(l.id());
        assertThat(markers.allowed).isEmpty();
        mesh.lease(id, all, LeaseHolder.SUPERVISOR, 0, 50);
        now.addAndGet(60_000);
        mesh.expireLeases();
        assertThat(markers.allowed).isEmpty();
        mesh.drain(id, all, LeaseHolder.DRAIN);
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void a_typed_task_proven_by_its_id_in_the_prompt_allows_it_again() throws Exception {
        String mid = mesh.send("cli", id, "task", "typed", null).message().id();
        mesh.lease(id, all, LeaseHolder.SUPERVISOR, 0, 50);
        mesh.ackIds(id, List.of(mid), LeaseHolder.SUPERVISOR);
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void an_ended_or_vanished_session_is_revoked() throws Exception {
        String other = mesh.register(new Registration("s-other", 22, "/w/other", null, null))
                .session()
                .id();
        assertThat(markers.allowed).containsExactlyInAnyOrder(21L, 22L);
        mesh.end(other, "prompt_input_exit");
        assertThat(markers.allowed).containsExactly(21L);
        alive.remove(21L);
        mesh.sweep();
        assertThat(markers.allowed).isEmpty();
    }

    @Test
    void a_session_resumed_by_another_claude_process_moves_its_marker() throws Exception {
        alive.remove(21L); // claude exited; `claude --resume` goes on with the same session in pid 22
        mesh.register(new Registration("s-quiet", 22, "/w/quiet", null, "resume"));
        assertThat(markers.allowed).containsExactly(22L);
        assertThat(markers.revokes).containsKey(21L);
    }

    @Test
    void a_prompt_that_skipped_the_daemon_marks_its_session_busy_at_the_prompts_time() throws Exception {
        mesh.setIdle(id, true); // its Stop, at 1_000_000
        markers.prompt(21, "s-quiet", 1_000_500);
        now.set(1_000_900);
        mesh.catchUpQuietPrompts();
        assertThat(mesh.session(id).idle()).isFalse();
        assertThat(mesh.session(id).lastActive()).isEqualTo(1_000_500);
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void a_prompt_read_after_a_later_change_of_its_session_leaves_that_change_alone() throws Exception {
        markers.prompt(21, "s-quiet", 1_000_500);
        now.set(1_002_000);
        mesh.setIdle(id, true); // a Stop read before the prompt's line was
        mesh.catchUpQuietPrompts();
        assertThat(mesh.session(id).idle()).isTrue();
    }

    @Test
    void every_hook_event_and_every_send_applies_the_prompts_that_skipped_the_daemon_first() throws Exception {
        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_100);
        now.set(1_000_200);
        SendResult sent = mesh.send("cli", id, "task", "while it works", null);
        assertThat(sent.delivery())
                .as("the receiver is busy: the end of its turn")
                .isEqualTo(DeliveryPath.END_OF_TURN);

        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_300);
        now.set(1_000_400);
        new HookHandler(mesh)
                .handle(new HookInput(
                        "StatusLine",
                        "s-quiet",
                        "/w/quiet",
                        null,
                        null,
                        null,
                        false,
                        null,
                        21L,
                        List.of(),
                        900L,
                        null));
        assertThat(idleAsHeld()).as("applied by the hook, not by a read").isFalse();
    }

    @Test
    void every_read_of_a_session_applies_the_prompts_that_skipped_the_daemon_first() throws Exception {
        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_100);
        now.set(1_000_200);
        assertThat(idleAsHeld()).as("nothing has applied the prompt yet").isTrue();
        assertThat(mesh.sessions())
                .singleElement()
                .satisfies(s -> assertThat(s.idle()).isFalse());

        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_300);
        now.set(1_000_400);
        assertThat(mesh.session(id).idle()).isFalse();

        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_500);
        now.set(1_000_600);
        assertThat(mesh.findByPid(21).idle()).isFalse();

        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_700);
        now.set(1_000_800);
        assertThat(mesh.findBySessionId("s-quiet").idle()).isFalse();

        mesh.setIdle(id, true);
        markers.prompt(21, "s-quiet", 1_000_900);
        now.set(1_001_000);
        assertThat(mesh.resolve("quiet").idle()).isFalse();
        assertThat(mesh.session(id).lastActive()).isEqualTo(1_000_900);
    }

    /** Whether the registry holds the session idle, read without applying anything. */
    private boolean idleAsHeld() {
        return mesh.liveSessions().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow()
                .idle();
    }

    @Test
    void a_prompt_of_a_pid_with_no_live_session_revokes_that_pid() throws Exception {
        markers.allowed.add(99L); // a stale marker
        markers.prompt(99, "s-gone", 1_000_500);
        mesh.catchUpQuietPrompts();
        assertThat(markers.allowed).containsExactly(21L);
    }

    @Test
    void a_new_marker_store_gets_every_live_session_and_the_old_one_is_emptied() {
        Markers next = new Markers();
        mesh.useQuietPrompts(next);
        assertThat(next.allowed).containsExactly(21L);
        assertThat(markers.allowed).isEmpty();
    }
}
