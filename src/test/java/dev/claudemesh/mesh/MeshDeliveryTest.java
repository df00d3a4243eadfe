package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.message.Lease;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.Message;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.session.AttachmentKind;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Reason;
import dev.claudemesh.session.Registration;
import dev.claudemesh.store.Database;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshDeliveryTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);
    final ProcessProbe everyoneAlive = pid -> OptionalLong.of(1);
    final Set<MessageKind> all = EnumSet.allOf(MessageKind.class);
    Database db;
    Mesh mesh;
    String a;
    String b;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("m.db"));
        mesh = new Mesh(db, everyoneAlive, new MeshLimits(64 * 1024, 3, 5, 1_000, 3), now::get);
        a = mesh.register(new Registration("sa", 11, "/w/alpha", null, null))
                .session()
                .id();
        b = mesh.register(new Registration("sb", 12, "/w/beta", null, null))
                .session()
                .id();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void sequence_numbers_are_per_recipient() throws Exception {
        assertThat(mesh.send("cli", "beta", "task", "one", null).message().seq())
                .isEqualTo(1);
        assertThat(mesh.send("cli", "beta", "task", "two", null).message().seq())
                .isEqualTo(2);
        assertThat(mesh.send("cli", "alpha", "task", "x", null).message().seq()).isEqualTo(1);
    }

    @Test
    void pending_counts_follow_send_lease_and_ack_exactly() throws Exception {
        mesh.send("cli", "beta", "task", "t1", null);
        mesh.send("cli", "beta", "note", "n1", null);
        assertThat(mesh.session(b).pendingTasks()).isEqualTo(1);
        assertThat(mesh.session(b).pendingNotes()).isEqualTo(1);
        Lease l = mesh.lease(b, EnumSet.of(MessageKind.TASK), LeaseHolder.HOOK_STOP, 0, 10);
        assertThat(l.messages()).hasSize(1);
        assertThat(mesh.session(b).pending()).isEqualTo(2); // leased is still open
        mesh.ackLease(l.id());
        assertThat(mesh.session(b).pendingTasks()).isZero();
        assertThat(mesh.session(b).pendingNotes()).isEqualTo(1);
        assertThat(mesh.ackLease(l.id())).isEmpty(); // acking twice changes nothing
        assertThat(mesh.session(b).pending()).isEqualTo(1);
    }

    @Test
    void a_leased_message_is_invisible_to_other_paths_until_the_lease_expires() throws Exception {
        Message m = mesh.send("cli", "beta", "task", "do it", null).message();
        Lease first = mesh.lease(b, all, LeaseHolder.SUPERVISOR, 0, 10);
        assertThat(first.messages()).extracting(Message::id).containsExactly(m.id());
        assertThat(mesh.lease(b, all, LeaseHolder.WAITER, 0, 10).isEmpty()).isTrue();
        now.addAndGet(1_001);
        mesh.expireLeases();
        Lease second = mesh.lease(b, all, LeaseHolder.WAITER, 0, 10);
        assertThat(second.messages()).extracting(Message::id).containsExactly(m.id());
        assertThat(second.messages().get(0).attempts()).isEqualTo(2);
        assertThat(mesh.ackLease(first.id())).isEmpty(); // the expired lease no longer owns it
        assertThat(mesh.ackLease(second.id())).hasSize(1);
        assertThat(mesh.messageHistory(m.id()))
                .extracting(h -> h.split(" ")[1])
                .containsExactly("sent", "leased", "lease-expired", "leased", "acked");
    }

    @Test
    void an_expired_lease_is_available_even_before_the_sweep_runs() throws Exception {
        mesh.send("cli", "beta", "task", "x", null);
        mesh.lease(b, all, LeaseHolder.SUPERVISOR, 0, 10);
        now.addAndGet(1_500);
        assertThat(mesh.lease(b, all, LeaseHolder.HOOK_PROMPT, 0, 10).messages())
                .hasSize(1);
    }

    @Test
    void released_messages_are_pending_again_at_once() throws Exception {
        mesh.send("cli", "beta", "task", "x", null);
        Lease l = mesh.lease(b, all, LeaseHolder.SUPERVISOR, 0, 10);
        assertThat(mesh.release(l.id())).isEqualTo(1);
        assertThat(mesh.lease(b, all, LeaseHolder.WAITER, 0, 10).messages()).hasSize(1);
    }

    @Test
    void realtime_paths_give_up_after_max_attempts_but_prompt_hook_still_delivers() throws Exception {
        mesh.send("cli", "beta", "task", "x", null);
        for (int i = 0; i < 3; i++) {
            assertThat(mesh.lease(b, all, LeaseHolder.SUPERVISOR, 0, 10).messages())
                    .hasSize(1);
            now.addAndGet(2_000);
        }
        assertThat(mesh.lease(b, all, LeaseHolder.SUPERVISOR, 0, 10).isEmpty()).isTrue();
        assertThat(mesh.lease(b, all, LeaseHolder.HOOK_PROMPT, 0, 10).messages())
                .hasSize(1);
    }

    @Test
    void ack_by_ids_acks_only_the_recipients_open_messages() throws Exception {
        Message m1 = mesh.send("cli", "beta", "task", "1", null).message();
        Message m2 = mesh.send("cli", "alpha", "task", "2", null).message();
        List<Message> acked = mesh.ackIds(b, List.of(m1.id(), m2.id()), LeaseHolder.SUPERVISOR);
        assertThat(acked).extracting(Message::id).containsExactly(m1.id());
        assertThat(acked.get(0).deliveredVia()).isEqualTo(LeaseHolder.SUPERVISOR);
    }

    @Test
    void drain_returns_everything_once() throws Exception {
        mesh.send("cli", "beta", "task", "1", null);
        mesh.send("cli", "beta", "note", "2", null);
        assertThat(mesh.drain(b, all, LeaseHolder.DRAIN)).hasSize(2);
        assertThat(mesh.drain(b, all, LeaseHolder.DRAIN)).isEmpty();
        assertThat(mesh.session(b).pending()).isZero();
    }

    @Test
    void reply_chains_past_the_hop_limit_are_refused_with_a_reason() throws Exception {
        String prev = mesh.send(a, "beta", "task", "q", null).message().id();
        for (int i = 0; i < 3; i++) {
            prev = mesh.send(i % 2 == 0 ? b : a, i % 2 == 0 ? "alpha" : "beta", "task", "r", prev)
                    .message()
                    .id();
        }
        String last = prev;
        assertThatThrownBy(() -> mesh.send(b, "alpha", "task", "r", last))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOP_LIMIT))
                .hasMessageContaining("looping");
    }

    @Test
    void per_pair_rate_limit_refuses_agents_but_not_people() throws Exception {
        for (int i = 0; i < 5; i++) {
            mesh.send(a, "beta", "note", "n" + i, null);
        }
        assertThatThrownBy(() -> mesh.send(a, "beta", "note", "too many", null))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED))
                .hasMessageContaining("limit 5");
        mesh.send(b, "alpha", "note", "other pair is fine", null);
        for (int i = 0; i < 10; i++) {
            mesh.send("cli", "beta", "note", "human " + i, null);
        }
        now.addAndGet(60_001);
        mesh.send(a, "beta", "note", "after a minute", null);
    }

    @Test
    void delivery_says_how_the_receiver_will_get_a_task() throws Exception {
        assertThat(mesh.send("cli", "beta", "task", "x", null).delivery()).isEqualTo(DeliveryPath.END_OF_TURN);
        mesh.setIdle(b, true);
        assertThat(mesh.send("cli", "beta", "task", "x", null).delivery()).isEqualTo(DeliveryPath.NEXT_PROMPT);
        mesh.attach(b, AttachmentKind.WAITER, 999);
        SendResult r = mesh.send("cli", "beta", "task", "x", null);
        assertThat(r.delivery()).isEqualTo(DeliveryPath.REALTIME);
        assertThat(r.wakeable()).isTrue();
        assertThat(mesh.send("cli", "beta", "note", "x", null).delivery()).isEqualTo(DeliveryPath.NEXT_PROMPT);
    }

    @Test
    void open_counts_survive_a_restart() throws Exception {
        mesh.send("cli", "beta", "task", "x", null);
        mesh.send("cli", "beta", "note", "y", null);
        Mesh reopened = new Mesh(db, everyoneAlive, MeshLimits.DEFAULT, now::get);
        assertThat(reopened.session(b).pendingTasks()).isEqualTo(1);
        assertThat(reopened.session(b).pendingNotes()).isEqualTo(1);
    }
}
