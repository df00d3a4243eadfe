package dev.claudemesh.gui.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One live session as the views show it.
 *
 * @param supervised a PTY supervisor (a terminal tab or {@code claudemesh run}) is attached
 * @param waiter a background Stop waiter is attached
 * @param builtinName Claude Code's own name for the session (its built-in messaging), null when it has none
 */
public record SessionRow(
        String id,
        String folder,
        String cwd,
        Instant startedAt,
        Instant lastActive,
        boolean idle,
        boolean supervised,
        boolean waiter,
        int pending,
        String builtinName) {
    public SessionRow {
        Objects.requireNonNull(id, "id");
        folder = folder == null ? "" : folder;
        cwd = cwd == null ? "" : cwd;
    }

    /** From the daemon's session JSON ({@code GET /v1/sessions}). */
    public static SessionRow fromJson(JsonNode s) {
        boolean supervisor = s.has("supervisor")
                ? s.path("supervisor").asBoolean()
                : s.path("supervised").asBoolean(); // daemons before the split of supervisor and waiter
        String builtin =
                s.path("builtin_name").isTextual() ? s.path("builtin_name").asText() : null;
        return new SessionRow(
                s.path("id").asText(),
                s.path("folder").asText(),
                s.path("cwd").asText(),
                Instant.ofEpochMilli(s.path("started_at").asLong()),
                Instant.ofEpochMilli(s.path("last_active").asLong()),
                s.path("idle").asBoolean(),
                supervisor,
                s.path("waiter").asBoolean(),
                s.path("pending").asInt(),
                builtin == null || builtin.isBlank() ? null : builtin);
    }

    /** {@code idle} or {@code busy}. */
    public String activity() {
        return idle ? "idle" : "busy";
    }

    /** How the session appears in menus and pickers: {@code folder · id}. */
    public String label() {
        return folder + " · " + id;
    }
}
