package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.session.BuiltinMessaging;
import dev.claudemesh.session.ProcessInfo;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a real process is: this JVM, with sessions registered for it or for one of its ancestors. */
class CallerIdentityTest {
    final long me = ProcessHandle.current().pid();
    final long parent = ProcessHandle.current().parent().orElseThrow().pid();
    final List<Session> sessions = new ArrayList<>();

    Session session(String id, long pid, long pidStart, String cwd) {
        return new Session(id, "sess-" + id, pid, pidStart, cwd, null, 0, 0, false, BuiltinMessaging.OFF);
    }

    CallerIdentity identity(long trayPid) {
        return new CallerIdentity(() -> sessions, ProcessProbe.SYSTEM, pid -> pid == trayPid);
    }

    @Test
    void a_process_with_a_registered_ancestor_is_inside_that_session() {
        sessions.add(session("aaaa1111", parent, ProcessInfo.startTime(parent).orElseThrow(), "/w/alpha"));

        Caller c = identity(0).ofPid(me);
        assertThat(c.kind()).isEqualTo(Caller.Kind.SESSION);
        assertThat(c.sessionId()).isEqualTo("aaaa1111");
        assertThat(c.folder()).isEqualTo("alpha");
        assertThat(c.pid()).isEqualTo(me);
        assertThat(c.describe()).startsWith("process " + me + " (");
    }

    @Test
    void the_nearest_registered_claude_wins() {
        sessions.add(session("aaaa1111", parent, ProcessInfo.startTime(parent).orElseThrow(), "/w/outer"));
        sessions.add(session("bbbb2222", me, ProcessInfo.startTime(me).orElseThrow(), "/w/inner"));

        assertThat(identity(0).ofPid(me).sessionId()).isEqualTo("bbbb2222");
    }

    @Test
    void a_session_whose_pid_now_belongs_to_another_process_is_nobodys() {
        sessions.add(session("aaaa1111", parent, ProcessInfo.startTime(parent).orElseThrow() + 1, "/w/reused"));

        assertThat(identity(0).ofPid(me).kind()).isEqualTo(Caller.Kind.PERSON);
    }

    @Test
    void the_tray_app_is_the_tray_even_inside_a_session_and_a_dead_pid_is_unknown() {
        sessions.add(session("aaaa1111", parent, ProcessInfo.startTime(parent).orElseThrow(), "/w/alpha"));

        assertThat(identity(me).ofPid(me).kind()).isEqualTo(Caller.Kind.TRAY);
        assertThat(identity(0).ofPid(ProcessInfo.MAX_PID + 5)).isEqualTo(Caller.UNKNOWN);
    }
}
