package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * A session's inbox as a person reads it: {@code GET /v1/sessions/{id}/inbox?limit=N} lists its most recent
 * messages in every state (pending, leased and delivered, with {@code delivered_via} and {@code acked_at}), newest
 * first. Read-only; it also answers for a session that has ended.
 */
final class InboxRoutes {
    private final Mesh mesh;

    InboxRoutes(Mesh mesh) {
        this.mesh = mesh;
    }

    void register(RoutesConfig r) {
        r.get(
                Endpoints.Routes.SESSION_INBOX,
                ctx -> ctx.json(Map.of(
                        "messages", mesh.inbox(ctx.pathParam("id"), MessageRoutes.limit(ctx.queryParam("limit"))))));
    }
}
