package dev.claudemesh.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.store.Database;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRegistryTest {
    @TempDir
    Path dir;

    /** Processes the test pretends exist: pid → start time. */
    final Map<Long, Long> procs = new HashMap<>();

    final ProcessProbe probe = pid -> procs.containsKey(pid) ? OptionalLong.of(procs.get(pid)) : OptionalLong.empty();
    Database db;
    SessionRegistry registry;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("t.db"));
        registry = new SessionRegistry(new SessionStore(db), probe);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private SessionRegistry.Registered reg(String sid, long pid) throws Exception {
        return registry.register(new Registration(sid, pid, "/home/dev/api", null, "startup"), 1000);
    }

    @Test
    void first_registration_gets_a_new_8_char_id() throws Exception {
        procs.put(100L, 5L);
        SessionRegistry.Registered r = reg("s1", 100);
        assertThat(r.identity()).isEqualTo("new");
        assertThat(r.session().id()).matches("[a-z0-9]{8}");
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void clear_same_process_new_session_id_keeps_the_id() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        SessionRegistry.Registered after = reg("s2-after-clear", 100);
        assertThat(after.session().id()).isEqualTo(id);
        assertThat(after.identity()).isEqualTo("same-process");
        assertThat(registry.list()).hasSize(1);
        assertThat(registry.findBySessionId("s2-after-clear")).isPresent();
    }

    @Test
    void resume_in_a_new_process_with_known_session_id_keeps_the_id() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        registry.remove(id); // the first claude exited
        procs.remove(100L);
        procs.put(200L, 9L);
        SessionRegistry.Registered resumed = reg("s1", 200);
        assertThat(resumed.session().id()).isEqualTo(id);
        assertThat(resumed.identity()).isEqualTo("resumed");
        assertThat(resumed.session().pid()).isEqualTo(200);
    }

    @Test
    void resume_survives_a_daemon_restart() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        registry.remove(id);
        registry = new SessionRegistry(new SessionStore(db), probe);
        procs.put(300L, 1L);
        assertThat(reg("s1", 300).session().id()).isEqualTo(id);
    }

    @Test
    void resume_while_the_original_still_runs_gets_a_new_id() throws Exception {
        procs.put(100L, 5L);
        procs.put(200L, 6L);
        String id = reg("s1", 100).session().id();
        String other = reg("s1", 200).session().id();
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void a_reused_pid_is_a_new_session_and_the_stale_one_is_dropped() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        procs.put(100L, 77L); // the pid now belongs to another process
        SessionRegistry.Registered again = reg("s9", 100);
        assertThat(again.session().id()).isNotEqualTo(id);
        assertThat(registry.get(id)).isEmpty();
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void sweep_removes_dead_processes_and_reused_pids() throws Exception {
        procs.put(100L, 5L);
        procs.put(101L, 5L);
        procs.put(102L, 5L);
        String dead = reg("a", 100).session().id();
        String reused = reg("b", 101).session().id();
        String alive = reg("c", 102).session().id();
        procs.remove(100L);
        procs.put(101L, 6L);
        assertThat(registry.sweep()).containsExactlyInAnyOrder(dead, reused);
        assertThat(registry.list()).extracting(Session::id).containsExactly(alive);
    }

    @Test
    void registering_a_pid_that_does_not_run_is_refused() {
        assertThatThrownBy(() -> reg("s1", 4242))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pid 4242 is not a running process");
    }

    @Test
    void attachments_make_a_session_supervised_until_their_process_dies() throws Exception {
        procs.put(100L, 5L);
        procs.put(500L, 1L);
        String id = reg("s1", 100).session().id();
        registry.attach(id, AttachmentKind.SUPERVISOR, 500, 0);
        assertThat(registry.isSupervised(id)).isTrue();
        procs.remove(500L);
        registry.sweep();
        assertThat(registry.isSupervised(id)).isFalse();
    }

    @Test
    void sessions_survive_a_daemon_restart() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        SessionRegistry reopened = new SessionRegistry(new SessionStore(db), probe);
        assertThat(reopened.get(id)).isPresent();
    }

    @Test
    void the_builtin_messaging_state_is_kept_through_clear_and_a_daemon_restart() throws Exception {
        procs.put(100L, 5L);
        String id = reg("s1", 100).session().id();
        assertThat(registry.get(id).orElseThrow().builtin()).isEqualTo(BuiltinMessaging.OFF);
        registry.setBuiltin(id, BuiltinMessaging.on("api-3f"));
        reg("s2-after-clear", 100);
        assertThat(registry.get(id).orElseThrow().builtin()).isEqualTo(BuiltinMessaging.on("api-3f"));
        SessionRegistry reopened = new SessionRegistry(new SessionStore(db), probe);
        assertThat(reopened.get(id).orElseThrow().builtin()).isEqualTo(BuiltinMessaging.on("api-3f"));
        registry.setBuiltin(id, BuiltinMessaging.on(null));
        assertThat(new SessionRegistry(new SessionStore(db), probe)
                        .get(id)
                        .orElseThrow()
                        .builtin())
                .isEqualTo(BuiltinMessaging.on(null));
    }

    @Test
    void a_database_from_before_the_builtin_columns_is_migrated_and_its_sessions_read_as_off() throws Exception {
        Path old = dir.resolve("v1.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
                var st = c.createStatement()) {
            st.execute("CREATE TABLE sessions(id TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, pid INTEGER NOT"
                    + " NULL, pid_start INTEGER NOT NULL, cwd TEXT NOT NULL, transcript_path TEXT, started_at INTEGER"
                    + " NOT NULL, last_active INTEGER NOT NULL, idle INTEGER NOT NULL DEFAULT 0)");
            st.execute("INSERT INTO sessions VALUES('abcd1234','s-old',100,5,'/home/dev/api',NULL,1,1,1)");
            st.execute("PRAGMA user_version=1");
        }
        try (Database migrated = Database.open(old)) {
            assertThat(migrated.schemaVersion()).isEqualTo(3);
            Session s = new SessionStore(migrated).loadAll().get(0);
            assertThat(s.id()).isEqualTo("abcd1234");
            assertThat(s.builtin()).isEqualTo(BuiltinMessaging.OFF);
        }
    }
}
