package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.HookHandler;
import dev.claudemesh.mesh.HookInput;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.SessionView;
import dev.claudemesh.session.BuiltinMessaging;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Endpoints for the thin hook processes: each forwards claude's stdin plus its process facts and prints
 * what comes back. The background Stop waiter attaches, long-polls the event stream and claims tasks.
 */
final class HookRoutes {
    private final Mesh mesh;
    private final HookHandler handler;
    private final ObjectMapper json;
    private final HookOutput output;

    HookRoutes(Mesh mesh, HookHandler handler, ObjectMapper json) {
        this.mesh = mesh;
        this.handler = handler;
        this.json = json;
        this.output = new HookOutput(json);
    }

    void register(RoutesConfig r) {
        r.post(Endpoints.WAITER_ATTACH, this::attachWaiter);
        r.post(Endpoints.WAITER_CLAIM, ctx -> {
            Body b = Body.parse(json, ctx.body());
            HookHandler.WaiterClaim c = handler.claim(Ids.requireClaudeId(b.string("id")), b.longValue("hook_pid"));
            ctx.json(c);
        });
        r.post(Endpoints.Routes.HOOK, ctx -> {
            HookInput in = input(ctx, ctx.pathParam("event"));
            ctx.json(output.answer(in.event(), handler.handle(in)));
        });
    }

    private void attachWaiter(Context ctx) throws java.sql.SQLException {
        HookInput in = input(ctx, "Stop");
        if (in.hookPid() == null) {
            throw new InvalidInputException("field 'hook_pid' is required");
        }
        long lost = Body.parse(json, ctx.body()).optLong("lost_stop_at", -1);
        Mesh.WaiterAttachment a = mesh.attachWaiter(in, in.hookPid(), LostStop.at(lost));
        SessionView s = a.session();
        long seq = a.seq();
        ctx.json(Map.of("id", s.id(), "seq", seq, "claude_pid", s.pid()));
    }

    private HookInput input(Context ctx, String event) {
        Body b = Body.parse(json, ctx.body());
        JsonNode raw = b.node().get("input");
        if (raw == null || !raw.isObject()) {
            throw new InvalidInputException("field 'input' must be the JSON object claude passed on the hook's stdin");
        }
        Body in = new Body(raw);
        List<Long> ancestors = new ArrayList<>();
        JsonNode a = b.node().get("ancestors");
        if (a != null && a.isArray()) {
            for (JsonNode n : a) {
                if (!n.canConvertToLong()) {
                    throw new InvalidInputException("ancestors must be pids");
                }
                ancestors.add(n.asLong());
            }
        }
        long claudePid = b.optLong("claude_pid", -1);
        long hookPid = b.optLong("hook_pid", -1);
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
                claudePid > 0 ? claudePid : null,
                ancestors,
                hookPid > 0 ? hookPid : null,
                builtin(b));
    }

    /** Absent from hooks older than this daemon: then nothing is known (null), not "off". */
    private static BuiltinMessaging builtin(Body b) {
        JsonNode on = b.node().get("builtin_messaging");
        if (on == null || on.isNull()) {
            return null;
        }
        if (!on.isBoolean()) {
            throw new InvalidInputException("builtin_messaging must be true or false");
        }
        JsonNode name = b.node().get("builtin_name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw new InvalidInputException("builtin_name must be a string");
        }
        return new BuiltinMessaging(on.asBoolean(), name == null || name.isNull() ? null : name.asText());
    }
}
