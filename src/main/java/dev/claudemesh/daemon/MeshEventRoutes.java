package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.MeshFeed;
import dev.claudemesh.session.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The mesh-wide event stream: {@code GET /v1/events?after=<seq>&timeout=<ms>} answers {@code {"seq", "truncated",
 * "events": [...]}} at once when something newer than {@code after} exists, else when something happens, else 204
 * at the timeout (≤ 55 s). Without {@code after} it waits for what happens from now on. {@code truncated} means the
 * client missed events (it fell behind, or its cursor is from an earlier daemon): reload the state ({@code GET
 * /v1/sessions} carries the {@code seq} it reflects) and continue from {@code seq}. A waiting request holds no
 * thread: it parks on a future the feed completes.
 */
final class MeshEventRoutes {
    private final Mesh mesh;

    MeshEventRoutes(Mesh mesh) {
        this.mesh = mesh;
    }

    void register(RoutesConfig r) {
        r.get(Endpoints.EVENTS, this::events);
    }

    private void events(Context ctx) {
        MeshFeed feed = mesh.feed();
        long after = LongPoll.queryLong(ctx, "after", -1);
        if (ctx.queryParam("after") != null && after < 0) {
            throw new InvalidInputException("after must be a sequence number (0 or more), got " + after);
        }
        long timeout = LongPoll.timeout(ctx);
        long cursor = after < 0 ? feed.seq() : after;
        CompletableFuture<Void> arrival = feed.awaitAfter(cursor);
        LongPoll.answer(ctx, arrival, timeout, () -> feed.forget(arrival), () -> respond(ctx, cursor));
    }

    private void respond(Context ctx, long cursor) {
        MeshFeed.Batch batch = mesh.feed().since(cursor);
        if (batch.events().isEmpty() && !batch.truncated()) {
            ctx.status(204);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", batch.seq());
        out.put("truncated", batch.truncated());
        out.put("events", batch.events());
        ctx.json(out);
    }
}
