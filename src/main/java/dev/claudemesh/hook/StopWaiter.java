package dev.claudemesh.hook;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.client.DaemonSpawner;
import dev.claudemesh.client.LeanHttp;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The background Stop waiter ({@code asyncRewake}): started by claude at every Stop, it long-polls the
 * daemon for tasks for its session. When one can be delivered (session idle, no supervisor attached), it
 * writes the rendered tasks to stderr and exits 2, which wakes an idle claude. It exits 0 when its claude
 * dies, when a newer waiter supersedes it, or near its time budget. When the daemon goes away (restart, kill -9) it
 * starts one in the background if none is on its way, re-reads {@code daemon.state} (a new port) and attaches again,
 * for up to {@link #RECONNECT_MILLIS}, saying when its Stop was ({@code lost_stop_at}): the Stop hook that ran with it
 * most likely found no daemon either, and the daemon then marks the session idle unless something happened since.
 * JDK-only, like every hook.
 */
final class StopWaiter {
    static final long POLL_MILLIS = 50_000;
    static final long DEFAULT_BUDGET_SECONDS = 3_590;
    /** How long the waiter keeps trying to reach a daemon that went away (restarted, killed) before it gives up. */
    static final long RECONNECT_MILLIS = 60_000;

    private final MeshHome home;
    private final Map<String, String> env;
    private final PrintStream err;

    StopWaiter(MeshHome home, Map<String, String> env, PrintStream err) {
        this.home = home;
        this.env = env;
        this.err = err;
    }

    int run(String payload) {
        String entry = env.get("CLAUDE_CODE_ENTRYPOINT");
        if (entry != null && !entry.equals("cli")) {
            return 0; // print mode / SDK: no idle session to wake, and claude would wait for this process
        }
        long stoppedAt = System.currentTimeMillis(); // claude starts the waiter at the Stop
        boolean lost = false;
        long deadline = System.nanoTime() + budgetSeconds() * 1_000_000_000L;
        long self = ProcessHandle.current().pid();
        String id = null;
        long seq = 0;
        long claudePid = 0;
        long failingSince = 0;
        while (System.nanoTime() < deadline) {
            if (claudePid > 0
                    && !ProcessHandle.of(claudePid).map(ProcessHandle::isAlive).orElse(false)) {
                return 0; // also while the daemon is away: nothing left to wake
            }
            try {
                Optional<LeanHttp> http = LeanHttp.forHome(home);
                if (http.isEmpty()) {
                    DaemonSpawner.spawnInBackground(home);
                    throw new IOException("no daemon");
                }
                if (id == null) {
                    // lost the daemon since the Stop: its Stop hook may have been lost too (see Mesh.attachWaiter)
                    String body = lost ? "{\"lost_stop_at\":" + stoppedAt + "," + payload.substring(1) : payload;
                    LeanHttp.Response r = http.get().post(Endpoints.WAITER_ATTACH, body, 2_000);
                    if (r.status() != 200) {
                        return 0; // not registered: nothing to wait for
                    }
                    Map<String, Object> a = LeanJson.parseObject(r.body());
                    id = (String) a.get("id");
                    seq = (Long) a.get("seq");
                    claudePid = (Long) a.get("claude_pid");
                }
                if (claudePid > 0
                        && !ProcessHandle.of(claudePid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false)) {
                    return 0;
                }
                LeanHttp.Response c = http.get()
                        .post(Endpoints.WAITER_CLAIM, "{\"id\":\"" + id + "\",\"hook_pid\":" + self + "}", 5_000);
                if (c.status() != 200) {
                    return 0;
                }
                Map<String, Object> claim = LeanJson.parseObject(c.body());
                String state = HookMain.str(claim.get("state"));
                if (state.equals("deliver")) {
                    err.print(HookMain.str(claim.get("text")));
                    err.flush();
                    return 2;
                }
                if (state.equals("exit")) {
                    return 0;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                long wait = Math.max(0, Math.min(POLL_MILLIS, left));
                LeanHttp.Response ev = http.get().get(Endpoints.events(id, seq, wait), (int) wait + 10_000);
                if (ev.status() == 200) {
                    Map<String, Object> batch = LeanJson.parseObject(ev.body());
                    if (Boolean.TRUE.equals(batch.get("ended"))) {
                        return 0;
                    }
                    seq = (Long) batch.get("seq");
                } else if (ev.status() != 204) {
                    return 0;
                }
                failingSince = 0;
            } catch (IOException | RuntimeException e) {
                long now = System.nanoTime();
                if (failingSince == 0) {
                    failingSince = now;
                } else if (now - failingSince > RECONNECT_MILLIS * 1_000_000L) {
                    return 0;
                }
                sleep(1_000); // the daemon may be restarting
                id = null;
                lost = true;
            }
        }
        return 0;
    }

    private long budgetSeconds() {
        String v = env.get("CLAUDEMESH_WAITER_SECONDS");
        if (v != null && v.matches("\\d{1,7}")) {
            return Long.parseLong(v);
        }
        return DEFAULT_BUDGET_SECONDS;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
