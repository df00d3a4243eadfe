package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.mesh.HookHandler;
import dev.claudemesh.mesh.HookInput;
import dev.claudemesh.mesh.HookReply;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.LazyAncestors;
import dev.claudemesh.session.ProcessInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The hook endpoint of the thin (POSIX sh, then bash /dev/tcp or curl) hooks: {@code POST /v1/thin/<event>?claude_pid=&hook_pid=}
 * with claude's hook stdin as the body, answered with exactly what the hook prints (text/plain) and the lease
 * to ack once it is printed in {@code X-Claudemesh-Lease}. The process facts a JVM hook gathers itself (its
 * ancestors) are read here from {@code /proc}, while the hook process waits for this answer.
 */
final class ThinHookRoutes {
    static final String LEASE_HEADER = "X-Claudemesh-Lease";
    /** Marks an answer of this endpoint; the sh hook prints nothing without it. */
    static final String THIN_HEADER = "X-Claudemesh-Thin";

    private final HookHandler handler;
    private final ObjectMapper json;
    private final HookOutput output;

    ThinHookRoutes(HookHandler handler, ObjectMapper json) {
        this.handler = handler;
        this.json = json;
        this.output = new HookOutput(json);
    }

    void register(RoutesConfig r) {
        r.post(dev.claudemesh.api.Endpoints.Routes.THIN_HOOK, this::hook);
    }

    private void hook(Context ctx) throws Exception {
        HookInput in = input(json, ctx, ctx.pathParam("event"));
        HookReply reply = handler.handle(in);
        ctx.header(THIN_HEADER, "1");
        if (reply.ackLease() != null) {
            ctx.header(LEASE_HEADER, reply.ackLease());
        }
        ctx.contentType("text/plain; charset=utf-8").result(output.stdout(in.event(), reply));
    }

    /** claude's hook stdin (the body) and the query's pids as a {@link HookInput} for {@code event}. */
    static HookInput input(ObjectMapper json, Context ctx, String event) {
        return input(json, ctx.body(), ctx::queryParam, ctx::header, event);
    }

    static HookInput input(
            ObjectMapper json,
            String body,
            java.util.function.UnaryOperator<String> query,
            java.util.function.UnaryOperator<String> header,
            String event) {
        JsonNode raw = Body.parse(json, body).node();
        if (!raw.isObject()) {
            throw new InvalidInputException("the body must be the JSON object claude passed on the hook's stdin");
        }
        Body in = new Body(raw);
        Long claudePid = pid(query.apply("claude_pid"), "claude_pid");
        Long hookPid = pid(query.apply("hook_pid"), "hook_pid");
        // read from /proc only if the session is not found by its id (or claude gave no pid)
        List<Long> ancestors = hookPid == null ? List.of() : new LazyAncestors(hookPid, 8);
        JsonNode active = raw.get("stop_hook_active");
        return new HookInput(
                event,
                in.string("session_id"),
                in.optString("cwd"),
                in.optString("transcript_path"),
                in.optString("source"),
                in.optString("prompt"),
                active != null && active.asBoolean(false),
                in.optString("reason"),
                claudePid,
                ancestors,
                hookPid,
                dev.claudemesh.hook.BuiltinProbe.fromThinHook(
                        header.apply("X-Claudemesh-Builtin"),
                        header.apply("X-Claudemesh-Claude-Config"),
                        claudePid,
                        System.getenv()));
    }

    /** 1 to {@code max} ASCII digits (no regex compiled per request). */
    private static boolean digits(String v, int max) {
        if (v.isEmpty() || v.length() > max) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A positive pid from the query, null when absent or 0 (the sh hook sends 0 when claude gave none). */
    static Long pid(Context ctx, String name) {
        return pid(ctx.queryParam(name), name);
    }

    static Long pid(String v, String name) {
        if (v == null || v.isEmpty() || v.equals("0")) {
            return null;
        }
        if (!digits(v, 9) || !ProcessInfo.validPid(Long.parseLong(v))) {
            throw new InvalidInputException("query parameter '" + name + "' must be a pid");
        }
        return Long.parseLong(v);
    }
}
