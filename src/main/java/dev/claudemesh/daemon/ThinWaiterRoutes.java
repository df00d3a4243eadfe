package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.HookHandler;
import dev.claudemesh.mesh.HookInput;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.SessionView;
import dev.claudemesh.message.EventHub;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background Stop waiter of the thin (sh + curl) hooks. {@code attach} (claude's Stop stdin as the body) answers
 * {@code <id> <seq>} as text ({@code lost_stop_at}: see {@link LostStop}); {@code wait?id=&hook_pid=&after=&timeout=}
 * parks (no thread held) until something happens for the session that it must act on, or the timeout passes, then
 * answers in {@code X-Claudemesh-Waiter}: {@code deliver} (the body is the text to hand claude: the hook writes it to
 * stderr and exits 2), {@code wait} (nothing to do by the timeout: ask again, after {@code X-Claudemesh-Seq}) or
 * {@code exit} (superseded by a newer waiter, or the session ended). An event that asks nothing of the waiter (its
 * session went busy at a prompt) parks the request again, so a prompt never wakes the waiter's process.
 */
final class ThinWaiterRoutes {
    static final String VERDICT = "X-Claudemesh-Waiter";
    static final String SEQ = "X-Claudemesh-Seq";
    static final long MAX_TIMEOUT_MS = LongPoll.MAX_TIMEOUT_MS;

    private final Mesh mesh;
    private final HookHandler handler;
    private final ObjectMapper json;
    /**
     * Where a woken waiter claims: not on the thread whose event woke it (a prompt hook's, inside the event hub's
     * lock), so that hook answers first. One thread, started when needed, gone after 30 s idle.
     */
    private final ThreadPoolExecutor claims =
            new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "claudemesh-waiter-claim");
                t.setDaemon(true);
                return t;
            });

    ThinWaiterRoutes(Mesh mesh, HookHandler handler, ObjectMapper json) {
        this.mesh = mesh;
        this.handler = handler;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.post(Endpoints.Routes.THIN_WAITER_ATTACH, this::attach);
        r.post(Endpoints.Routes.THIN_WAITER_WAIT, this::await);
    }

    private void attach(Context ctx) throws Exception {
        HookInput in = ThinHookRoutes.input(json, ctx, "Stop");
        if (in.hookPid() == null) {
            throw new InvalidInputException("query parameter 'hook_pid' is required");
        }
        String lost = ctx.queryParam("lost_stop_at");
        if (lost != null && !lost.matches("\\d{1,18}")) {
            throw new InvalidInputException("query parameter 'lost_stop_at' must be a time in epoch milliseconds");
        }
        Mesh.WaiterAttachment a =
                mesh.attachWaiter(in, in.hookPid(), LostStop.at(lost == null ? -1 : Long.parseLong(lost)));
        SessionView s = a.session();
        long seq = a.seq();
        ctx.header(ThinHookRoutes.THIN_HEADER, "1");
        ctx.contentType("text/plain; charset=utf-8").result(s.id() + " " + seq);
    }

    private void await(Context ctx) throws Exception {
        String id = Ids.requireClaudeId(ctx.queryParam("id"));
        Long hookPid = ThinHookRoutes.pid(ctx, "hook_pid");
        if (hookPid == null) {
            throw new InvalidInputException("query parameter 'hook_pid' is required");
        }
        long after = number(ctx, "after");
        long timeout = number(ctx, "timeout");
        if (timeout > MAX_TIMEOUT_MS) {
            throw new InvalidInputException("timeout must be 0-" + MAX_TIMEOUT_MS + " ms");
        }
        ctx.header(ThinHookRoutes.THIN_HEADER, "1");
        if (answer(ctx, id, hookPid, false)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        ctx.future(() -> park(ctx, id, hookPid, after, deadline));
    }

    /**
     * Parks until something happens for the session, then claims: deliver or exit answers; wait parks again (the
     * session went busy, a note came) until the deadline, so the waiter process wakes only to act or to ask again.
     */
    private CompletableFuture<Void> park(Context ctx, String id, long hookPid, long after, long deadline) {
        EventHub hub = mesh.events();
        CompletableFuture<Void> arrival = hub.awaitAfter(id, after);
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        return arrival.completeOnTimeout(null, left, TimeUnit.MILLISECONDS)
                .thenComposeAsync(
                        woken -> {
                            hub.forget(id, arrival);
                            long seq = hub.seq(id); // anything after this wakes the next park
                            try {
                                boolean last = deadline - System.nanoTime() < TimeUnit.MILLISECONDS.toNanos(1);
                                if (answer(ctx, id, hookPid, last)) {
                                    return CompletableFuture.completedFuture(null);
                                }
                            } catch (Exception e) {
                                ctx.status(500).result("");
                                return CompletableFuture.completedFuture(null);
                            }
                            return park(ctx, id, hookPid, seq, deadline);
                        },
                        claims);
    }

    /** Claims for the waiter; answers deliver or exit (true), or wait when {@code last} (true), else false. */
    private boolean answer(Context ctx, String id, long hookPid, boolean last) throws Exception {
        HookHandler.WaiterClaim c = handler.claim(id, hookPid);
        switch (c.state()) {
            case DELIVER -> {
                ctx.header(VERDICT, "deliver")
                        .contentType("text/plain; charset=utf-8")
                        .result(c.text());
                return true;
            }
            case EXIT -> {
                ctx.header(VERDICT, "exit").result("");
                return true;
            }
            default -> {
                if (last) {
                    ctx.header(VERDICT, "wait")
                            .header(SEQ, Long.toString(mesh.events().seq(id)));
                    ctx.result("");
                }
                return last;
            }
        }
    }

    private static long number(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || !v.matches("\\d{1,18}")) {
            throw new InvalidInputException("query parameter '" + name + "' must be a number");
        }
        return Long.parseLong(v);
    }
}
