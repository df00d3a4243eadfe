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
import java.util.concurrent.TimeUnit;

/**
 * The background Stop waiter of the thin (sh + curl) hooks. {@code attach} (claude's Stop stdin as the body) answers
 * {@code <id> <seq>} as text ({@code lost_stop_at}: see {@link LostStop}); {@code wait?id=&hook_pid=&after=&timeout=} parks (no thread held) until something
 * happens for the session or the timeout passes, then answers in {@code X-Claudemesh-Waiter}: {@code deliver} (the
 * body is the text to hand claude: the hook writes it to stderr and exits 2), {@code wait} (ask again, after
 * {@code X-Claudemesh-Seq}) or {@code exit} (superseded by a newer waiter, or the session ended).
 */
final class ThinWaiterRoutes {
    static final String VERDICT = "X-Claudemesh-Waiter";
    static final String SEQ = "X-Claudemesh-Seq";
    static final long MAX_TIMEOUT_MS = LongPoll.MAX_TIMEOUT_MS;

    private final Mesh mesh;
    private final HookHandler handler;
    private final ObjectMapper json;

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
        EventHub hub = mesh.events();
        CompletableFuture<Void> arrival = hub.awaitAfter(id, after);
        ctx.future(() -> arrival.completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS)
                .thenRun(() -> {
                    hub.forget(id, arrival);
                    try {
                        answer(ctx, id, hookPid, true);
                    } catch (Exception e) {
                        ctx.status(500).result("");
                    }
                }));
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
