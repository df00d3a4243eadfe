package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.support.HomeDaemons;
import dev.claudemesh.support.Sleepers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin background Stop waiter (sh + a curl long-poll) as claude runs it, against a real daemon process. */
class ThinWaiterIT {
    static final Map<String, String> INTERACTIVE = Map.of("CLAUDE_CODE_ENTRYPOINT", "cli");

    @TempDir
    Path dir;

    private String idleSession(ThinHooks h, long claude, String sid) throws Exception {
        h.run("SessionStart", claude, ThinHooks.input(sid, "SessionStart", ",\"source\":\"startup\""));
        h.run("Stop", claude, ThinHooks.input(sid, "Stop", ",\"stop_hook_active\":false"));
        return h.startDaemon()
                .get("/v1/sessions/by-session-id/" + sid)
                .path("id")
                .asText();
    }

    private static void awaitAttached(DaemonClient c, String id) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.get("/v1/sessions/" + id).path("supervised").asBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the waiter never attached: " + c.get("/v1/sessions/" + id));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void the_waiter_parks_on_sh_and_bash_and_wakes_an_idle_session_with_the_task_on_stderr_and_exit_2()
            throws Exception {
        wakes(INTERACTIVE, "bash", "WAKE-THIN-1");
    }

    @Test
    void without_bash_the_waiter_parks_on_curl_and_wakes_the_session_the_same_way() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(INTERACTIVE);
        env.put("CLAUDEMESH_WAITER_BASH", "");
        wakes(env, "curl", "WAKE-THIN-2");
    }

    private void wakes(Map<String, String> env, String parkedOn, String task) throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-" + parkedOn);
            assertThat(h.waiterCommand()).contains("thin/claudemesh hook StopWaiter");
            Process waiter = h.start(h.waiterCommand(), claude, ThinHooks.input("wait-" + parkedOn, "Stop", ""), env);
            awaitAttached(c, id);
            Thread.sleep(500);
            assertThat(waiter.isAlive()).isTrue();
            assertThat(waiter.descendants().map(p -> p.info().command().orElse("")))
                    .as("a parked waiter is sh and " + parkedOn + ", no JVM")
                    .noneMatch(cmd -> cmd.contains("java"))
                    .anyMatch(cmd -> cmd.endsWith(parkedOn));
            String mid = c.post("/v1/messages", Map.of("to", id, "body", task + " run the linter"))
                    .path("id")
                    .asText();
            ThinHooks.Ran r = ThinHooks.finish("StopWaiter", waiter);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains(task).contains(mid);
            assertThat(r.out()).isEmpty();
            assertThat(c.get("/v1/messages/" + mid)
                            .path("message")
                            .path("state")
                            .asText())
                    .isEqualTo("leased");
        }
    }

    @Test
    void a_prompt_does_not_wake_the_parked_waiter_and_a_later_task_still_does() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-busy");
            Process waiter = h.start(h.waiterCommand(), claude, ThinHooks.input("wait-busy", "Stop", ""), INTERACTIVE);
            awaitAttached(c, id);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            java.util.List<Long> parked = bashes(waiter);
            while (parked.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
                parked = bashes(waiter);
            }
            assertThat(parked).as("the waiter's long-poll").hasSize(1);
            ThinHooks.Ran prompt = h.run(
                    "UserPromptSubmit", claude, ThinHooks.input("wait-busy", "UserPromptSubmit", ",\"prompt\":\"hi\""));
            assertThat(prompt.exit()).isZero();
            assertThat(c.get("/v1/sessions/" + id).path("idle").asBoolean()).isFalse();
            Thread.sleep(1_000);
            assertThat(bashes(waiter))
                    .as("the same long-poll, not answered by the prompt")
                    .isEqualTo(parked);
            h.run("Stop", claude, ThinHooks.input("wait-busy", "Stop", ",\"stop_hook_active\":false"));
            String mid = c.post("/v1/messages", Map.of("to", id, "body", "WAKE-AFTER-BUSY lint"))
                    .path("id")
                    .asText();
            ThinHooks.Ran r = ThinHooks.finish("StopWaiter", waiter);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("WAKE-AFTER-BUSY").contains(mid);
        }
    }

    private static java.util.List<Long> bashes(Process waiter) {
        return waiter.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("bash"))
                .map(ProcessHandle::pid)
                .toList();
    }

    @Test
    void after_kill_9_the_waiter_brings_the_daemon_back_attaches_on_its_new_port_and_still_wakes_the_session()
            throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            Files.writeString(h.mesh.configFile(), "{\"port\": 0}"); // a restarted daemon gets a new port
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-k9");
            Process waiter = h.start(h.waiterCommand(), claude, ThinHooks.input("wait-k9", "Stop", ""), INTERACTIVE);
            awaitAttached(c, id);
            long old = c.state().pid();
            int oldPort = c.state().port();
            ProcessHandle.of(old).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(old).ifPresent(p -> p.onExit().join());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            java.util.Optional<Long> next = java.util.Optional.empty();
            while (next.isEmpty() && System.nanoTime() < until) { // only the waiter starts one
                next = HomeDaemons.awaitRunning(h.mesh, java.time.Duration.ofSeconds(1))
                        .filter(p -> p != old);
            }
            assertThat(next).as("the waiter started a daemon").isPresent();
            DaemonClient again = new dev.claudemesh.client.DaemonStarter(h.mesh).connect(false);
            awaitAttached(again, id);
            assertThat(again.state().port()).isNotEqualTo(oldPort);
            String mid = again.post("/v1/messages", Map.of("to", id, "body", "WAKE-THIN-K9 after the restart"))
                    .path("id")
                    .asText();
            ThinHooks.Ran r = ThinHooks.finish("StopWaiter", waiter);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("WAKE-THIN-K9").contains(mid);
        }
    }

    @Test
    void a_stop_hook_lost_while_the_daemon_was_down_is_made_good_by_its_waiter_which_then_wakes_the_session()
            throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-lost");
            c.post("/v1/sessions/" + id + "/idle", Map.of("idle", false)); // a prompt: the turn runs
            long old = c.state().pid();
            c.shutdown(); // gone when the turn ends: its Stop hook reaches no daemon (lost), nor does the waiter
            ProcessHandle.of(old).ifPresent(p -> p.onExit().join());
            Process waiter = h.start(
                    h.waiterCommand(),
                    claude,
                    ThinHooks.input("wait-lost", "Stop", ""),
                    Map.of("CLAUDE_CODE_ENTRYPOINT", "cli", "CLAUDEMESH_WAITER_SECONDS", "90"));
            DaemonClient again = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (again == null && System.nanoTime() < until) {
                if (HomeDaemons.awaitRunning(h.mesh, java.time.Duration.ofSeconds(1))
                        .filter(p -> p != old)
                        .isPresent()) {
                    again = new dev.claudemesh.client.DaemonStarter(h.mesh).connect(false);
                }
            }
            assertThat(again).as("a daemon is back").isNotNull();
            awaitAttached(again, id);
            assertThat(again.get("/v1/sessions/" + id).path("idle").asBoolean())
                    .as("idle again, though its Stop hook never reached a daemon")
                    .isTrue();
            String mid = again.post("/v1/messages", Map.of("to", id, "body", "WAKE-AFTER-LOST-STOP"))
                    .path("id")
                    .asText();
            ThinHooks.Ran r = ThinHooks.finish("StopWaiter", waiter);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("WAKE-AFTER-LOST-STOP").contains(mid);
        }
    }

    @Test
    void the_waiter_ends_when_its_claude_dies() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-2");
            Process waiter = h.start(h.waiterCommand(), claude, ThinHooks.input("wait-2", "Stop", ""), INTERACTIVE);
            awaitAttached(c, id);
            s.kill(claude);
            assertThat(waiter.waitFor(60, TimeUnit.SECONDS)).as("waiter ended").isTrue();
            assertThat(waiter.exitValue()).isZero();
            assertThat(waiter.descendants().filter(ProcessHandle::isAlive)).isEmpty();
        }
    }

    @Test
    void in_print_mode_the_waiter_exits_at_once_without_contacting_the_daemon() throws Exception {
        try (Sleepers s = new Sleepers();
                ThinHooks h = new ThinHooks(dir, "thin")) {
            long claude = s.start();
            DaemonClient c = h.startDaemon();
            String id = idleSession(h, claude, "wait-3");
            Process waiter = h.start(
                    h.waiterCommand(),
                    claude,
                    ThinHooks.input("wait-3", "Stop", ""),
                    Map.of("CLAUDE_CODE_ENTRYPOINT", "sdk-cli"));
            ThinHooks.Ran r = ThinHooks.finish("StopWaiter", waiter);
            assertThat(r.exit()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(c.get("/v1/sessions/" + id).path("supervised").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void the_thin_launcher_has_no_token_in_it() throws Exception {
        try (ThinHooks h = new ThinHooks(dir, "thin")) {
            h.startDaemon();
            String token = Files.readString(h.mesh.tokenFile()).trim();
            assertThat(Files.readString(HookPath.thinLauncher(InstallPaths.fromEnv(h.env(null)))))
                    .doesNotContain(token);
            assertThat(Files.readString(dir.resolve(".claude/settings.json"))).doesNotContain(token);
            assertThat(Files.readString(dir.resolve(".claude.json"))).doesNotContain(token);
        }
    }
}
