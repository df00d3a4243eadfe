package dev.claudemesh.gui.window;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One search result, from either search: across every session ({@code GET /v1/search}: {@code claude_id},
 * {@code turn}, {@code highlights}) or within one ({@code GET /v1/sessions/{id}/search}: {@code turn_index}).
 *
 * @param session the claudemesh id that serves the turn ({@code GET /v1/sessions/{id}/turns/{n}})
 * @param highlights {start, end} character ranges of the match in {@code snippet}
 */
record SearchHitRow(
        String session, String folder, int turn, String time, String role, String snippet, List<int[]> highlights) {
    static SearchHitRow fromGlobal(JsonNode h) {
        List<int[]> hl = new ArrayList<>();
        h.path("highlights")
                .forEach(r -> hl.add(new int[] {r.path(0).asInt(), r.path(1).asInt()}));
        String id = h.hasNonNull("claude_id")
                ? h.path("claude_id").asText()
                : h.path("session_id").asText();
        return new SearchHitRow(
                id,
                h.path("folder").asText(),
                h.path("turn").asInt(),
                h.path("time").asText(""),
                h.path("role").asText(),
                h.path("snippet").asText(),
                hl);
    }

    static SearchHitRow fromSession(String session, String folder, JsonNode h, String query, boolean regex) {
        String snippet = h.path("snippet").asText();
        return new SearchHitRow(
                session,
                folder,
                h.path("turn_index").asInt(),
                h.path("at").asText(""),
                h.path("role").asText(),
                snippet,
                regex ? List.of() : find(snippet, query));
    }

    /** Where {@code query} occurs in {@code text}, case-insensitively (the in-session search's default). */
    static List<int[]> find(String text, String query) {
        List<int[]> out = new ArrayList<>();
        if (query.isEmpty()) {
            return out;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String q = query.toLowerCase(Locale.ROOT);
        for (int i = t.indexOf(q); i >= 0 && t.length() == text.length(); i = t.indexOf(q, i + q.length())) {
            out.add(new int[] {i, i + q.length()});
        }
        return out;
    }
}
