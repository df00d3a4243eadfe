package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.message.EventHub;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The long-poll event stream: {@code GET /v1/sessions/{id}/events?after=<seq>&timeout=<ms>} answers at
 * once when something newer exists, else when something arrives, else 204 at the timeout (≤ 55 s).
 * A waiting request holds no thread: it parks on a future the event hub completes.
 */
final class EventRoutes {
    private final Mesh mesh;

    EventRoutes(Mesh mesh) {
        this.mesh = mesh;
    }

    void register(RoutesConfig r) {
        r.get(Endpoints.Routes.SESSION_EVENTS, this::events);
    }

    private void events(Context ctx) {
        String id = Ids.requireClaudeId(ctx.pathParam("id"));
        long after = LongPoll.queryLong(ctx, "after", -1);
        long timeout = LongPoll.timeout(ctx);
        mesh.session(id); // 404 for sessions that are not live
        EventHub hub = mesh.events();
        long cursor = after < 0 ? hub.seq(id) : after;
        CompletableFuture<Void> arrival = hub.awaitAfter(id, cursor);
        LongPoll.answer(ctx, arrival, timeout, () -> hub.forget(id, arrival), () -> respond(ctx, id, cursor));
    }

    private void respond(Context ctx, String id, long cursor) {
        EventHub.Batch batch = mesh.events().since(id, cursor);
        if (batch.events().isEmpty() && !batch.truncated()) {
            ctx.status(204);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", batch.seq());
        out.put("truncated", batch.truncated());
        out.put("events", batch.events());
        try {
            out.put("session", mesh.session(id));
        } catch (NotFoundException gone) {
            out.put("ended", true);
        }
        ctx.json(out);
    }
}
