package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.session.AttachmentKind;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.Registration;
import dev.claudemesh.session.SessionRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Registry endpoints: register (and register-if-unknown), list, get, find by pid or session id, idle, attach, end. */
final class SessionRoutes {
    private final Mesh mesh;
    private final ObjectMapper json;

    SessionRoutes(Mesh mesh, ObjectMapper json) {
        this.mesh = mesh;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.get(Endpoints.SESSIONS, ctx -> {
            long seq = mesh.feed().seq(); // read first: events after it may already be in the list (harmless)
            ctx.json(Map.of("sessions", mesh.sessions(), "seq", seq));
        });
        r.post(Endpoints.SESSIONS, this::registerSession);
        r.post(Endpoints.SESSIONS_ENSURE, this::ensureSession);
        r.get(Endpoints.RESOLVE, ctx -> ctx.json(mesh.resolve(ctx.queryParam("target"))));
        r.get(Endpoints.Routes.SESSION_BY_PID, ctx -> ctx.json(mesh.findByPid(pathLong(ctx, "pid"))));
        r.get(Endpoints.Routes.SESSION_BY_SESSION_ID, ctx -> ctx.json(mesh.findBySessionId(ctx.pathParam("sid"))));
        r.get(Endpoints.Routes.SESSION, ctx -> ctx.json(mesh.session(ctx.pathParam("id"))));
        r.post(Endpoints.Routes.SESSION_IDLE, ctx -> {
            Body b = body(ctx);
            ctx.json(mesh.setIdle(ctx.pathParam("id"), b.bool("idle", null)));
        });
        r.post(Endpoints.Routes.SESSION_END, ctx -> {
            Body b = body(ctx);
            String reason = b.optString("reason");
            ctx.json(Map.of("removed", mesh.end(ctx.pathParam("id"), reason)));
        });
        r.post(Endpoints.Routes.SESSION_ATTACH, ctx -> {
            Body b = body(ctx);
            mesh.attach(ctx.pathParam("id"), AttachmentKind.parse(b.string("kind")), b.longValue("pid"));
            ctx.json(mesh.session(ctx.pathParam("id")));
        });
        r.post(Endpoints.Routes.SESSION_DETACH, ctx -> {
            Body b = body(ctx);
            ctx.json(Map.of("detached", mesh.detach(ctx.pathParam("id"), b.longValue("pid"))));
        });
    }

    private void registerSession(Context ctx) throws Exception {
        Body b = body(ctx);
        Registration reg = new Registration(
                b.string("session_id"),
                b.longValue("pid"),
                b.string("cwd"),
                b.optString("transcript_path"),
                b.optString("source"));
        SessionRegistry.Registered r = mesh.register(reg);
        ctx.json(Map.of("session", mesh.view(r.session()), "identity", r.identity()));
    }

    /** Like {@link #registerSession}, but a session already live for the pid or session id is answered as it is. */
    private void ensureSession(Context ctx) throws Exception {
        Body b = body(ctx);
        Registration reg = new Registration(
                b.string("session_id"), b.longValue("pid"), b.string("cwd"), b.optString("transcript_path"), null);
        SessionRegistry.Registered r = mesh.ensureRegistered(reg, java.util.List.of(reg.pid()));
        ctx.json(Map.of("session", mesh.view(r.session()), "identity", r.identity()));
    }

    private Body body(Context ctx) {
        return Body.parse(json, ctx.body());
    }

    static long pathLong(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    name + " must be a number, got '" + dev.claudemesh.session.Ids.printable(raw) + "'");
        }
    }
}
