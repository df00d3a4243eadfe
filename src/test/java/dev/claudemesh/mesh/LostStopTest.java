package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Registration;
import dev.claudemesh.store.Database;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A background waiter that lost the daemon after its Stop tells when that Stop was; the Stop hook that ran with it
 * most likely found no daemon either. The session is then marked idle, unless something happened since the Stop.
 */
class LostStopTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);
    final ProcessProbe everyoneAlive = pid -> OptionalLong.of(1);
    Database db;
    Mesh mesh;
    String id;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("m.db"));
        mesh = new Mesh(db, everyoneAlive, new MeshLimits(64 * 1024, 3, 5, 1_000, 3), now::get);
        id = mesh.register(new Registration("s-lost", 21, "/w/lost", null, null))
                .session()
                .id();
        mesh.setIdle(id, false); // a prompt at 1_000_000: the turn runs
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    static HookInput stop(String sessionId, long claudePid) {
        return new HookInput(
                "Stop", sessionId, "/w/lost", null, null, null, false, null, claudePid, List.of(), 900L, null);
    }

    @Test
    void a_busy_session_whose_stop_was_lost_is_idle_once_its_waiter_reattaches() throws Exception {
        now.set(1_005_000);
        mesh.attachWaiter(stop("s-lost", 21), 900, OptionalLong.of(1_004_000));
        assertThat(mesh.session(id).idle()).isTrue();
    }

    @Test
    void a_waiter_that_never_lost_the_daemon_leaves_the_state_to_the_stop_hook() throws Exception {
        now.set(1_005_000);
        mesh.attachWaiter(stop("s-lost", 21), 900);
        assertThat(mesh.session(id).idle()).isFalse();
    }

    @Test
    void a_prompt_after_that_stop_keeps_the_session_busy() throws Exception {
        now.set(1_006_000);
        mesh.setIdle(id, false); // the user's next prompt, after the Stop at 1_004_000
        mesh.attachWaiter(stop("s-lost", 21), 900, OptionalLong.of(1_004_000));
        assertThat(mesh.session(id).idle()).isFalse();
    }

    @Test
    void a_stop_answered_with_tasks_keeps_the_session_busy() throws Exception {
        mesh.send("cli", id, "task", "go on", null);
        now.set(1_004_500);
        mesh.lease(id, EnumSet.allOf(MessageKind.class), LeaseHolder.HOOK_STOP, 0, 50); // the Stop hook blocked
        now.set(1_005_000);
        mesh.attachWaiter(stop("s-lost", 21), 900, OptionalLong.of(1_004_000));
        assertThat(mesh.session(id).idle()).isFalse();
    }

    @Test
    void a_stop_block_of_an_earlier_turn_does_not_count() throws Exception {
        mesh.send("cli", id, "task", "earlier", null);
        now.set(1_000_100);
        mesh.lease(id, EnumSet.allOf(MessageKind.class), LeaseHolder.HOOK_STOP, 0, 50);
        now.set(1_001_000);
        mesh.setIdle(id, false);
        now.set(1_009_000);
        mesh.attachWaiter(stop("s-lost", 21), 900, OptionalLong.of(1_008_000));
        assertThat(mesh.session(id).idle()).isTrue();
    }

    @Test
    void a_session_the_daemon_did_not_know_is_registered_idle_by_a_waiter_that_lost_its_stop() throws Exception {
        now.set(1_005_000);
        Mesh.WaiterAttachment a = mesh.attachWaiter(stop("s-unknown", 22), 901, OptionalLong.of(1_004_000));
        assertThat(a.session().idle()).isTrue();
        assertThat(mesh.session(a.session().id()).idle()).isTrue();
    }
}
