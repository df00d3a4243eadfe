package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.SendResult;
import dev.claudemesh.message.Lease;
import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.message.MessageRenderer;
import dev.claudemesh.message.MessageRenderer.Purpose;
import dev.claudemesh.session.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Message endpoints: send, peek, lease, ack, release, drain. */
final class MessageRoutes {
    private final Mesh mesh;
    private final ObjectMapper json;
    private final MessageRenderer renderer;
    private final Callers callers;

    MessageRoutes(Mesh mesh, ObjectMapper json, MessageRenderer renderer, Callers callers) {
        this.mesh = mesh;
        this.json = json;
        this.renderer = renderer;
        this.callers = callers;
    }

    void register(RoutesConfig r) {
        r.post(Endpoints.MESSAGES, this::send);
        r.get(Endpoints.Routes.MESSAGE, ctx -> {
            var m = mesh.message(ctx.pathParam("mid"));
            ctx.json(Map.of("message", m, "history", mesh.messageHistory(m.id())));
        });
        r.get(
                Endpoints.Routes.SESSION_MESSAGES,
                ctx -> ctx.json(Map.of(
                        "messages",
                        mesh.peek(
                                ctx.pathParam("id"), kinds(ctx.queryParam("kinds")), limit(ctx.queryParam("limit"))))));
        r.post(Endpoints.Routes.SESSION_LEASE, ctx -> {
            Body b = Body.parse(json, ctx.body());
            Purpose purpose = purpose(b.optString("render"));
            Lease l = mesh.lease(
                    ctx.pathParam("id"),
                    kinds(b.strings("kinds")),
                    LeaseHolder.parse(b.optString("holder")),
                    b.optLong("ttl_ms", 0),
                    (int) Math.min(Integer.MAX_VALUE, b.optLong("max", 100)));
            Map<String, Object> out = lease(l);
            if (purpose != null && !l.isEmpty()) {
                out.put("rendered", renderer.render(l.messages(), purpose));
            }
            ctx.json(out);
        });
        r.post(Endpoints.Routes.SESSION_ACK, ctx -> {
            Body b = Body.parse(json, ctx.body());
            ctx.json(Map.of(
                    "acked",
                    mesh.ackIds(ctx.pathParam("id"), b.strings("ids"), LeaseHolder.parse(b.optString("via")))));
        });
        r.post(Endpoints.Routes.SESSION_DRAIN, ctx -> {
            Body b = Body.parse(json, ctx.body());
            ctx.json(Map.of("messages", mesh.drain(ctx.pathParam("id"), kinds(b.strings("kinds")), LeaseHolder.DRAIN)));
        });
        r.post(Endpoints.Routes.LEASE_ACK, ctx -> ctx.json(Map.of("acked", mesh.ackLease(ctx.pathParam("lid")))));
        r.post(Endpoints.Routes.LEASE_RELEASE, ctx -> ctx.json(Map.of("released", mesh.release(ctx.pathParam("lid")))));
    }

    private void send(Context ctx) throws Exception {
        Body b = Body.parse(json, ctx.body());
        String to = b.string("to");
        String kind = b.optString("kind");
        String body = b.string("body");
        String inReplyTo = b.optString("in_reply_to");
        String from = callers.sender(ctx, b.optString("from")); // the caller's own identity, never just the claim
        SendResult res = mesh.send(from, to, kind, body, inReplyTo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", res.message().id());
        out.put("from", res.message().from());
        out.put("seq", res.message().seq());
        out.put("to", res.to());
        out.put("delivery", res.delivery());
        out.put("wakeable", res.wakeable());
        ctx.json(out);
    }

    static Map<String, Object> lease(Lease l) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lease_id", l.isEmpty() ? null : l.id());
        out.put("expires_at", l.expiresAt());
        out.put("messages", l.messages());
        return out;
    }

    /** How to render a lease for the model: prompt_context, stop_block, rewake or paste; null = not at all. */
    static Purpose purpose(String name) {
        if (name == null) {
            return null;
        }
        for (Purpose p : Purpose.values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new InvalidInputException("render must be one of prompt_context, stop_block, rewake, paste");
    }

    static Set<MessageKind> kinds(List<String> names) {
        if (names.isEmpty()) {
            return EnumSet.allOf(MessageKind.class);
        }
        Set<MessageKind> out = EnumSet.noneOf(MessageKind.class);
        names.forEach(n -> out.add(MessageKind.parse(n)));
        return out;
    }

    static Set<MessageKind> kinds(String csv) {
        return csv == null || csv.isBlank() ? EnumSet.allOf(MessageKind.class) : kinds(List.of(csv.split(",")));
    }

    static int limit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > 10_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit must be a number from 1 to 10000");
        }
    }
}
