package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.claudemesh.api.AllSearchQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code search_history} with id {@code "*"}: every session's transcript, through the daemon's index. */
final class SearchAllSessions {
    Map<String, Object> call(String query, ToolArgs options, McpContext ctx) throws Exception {
        if (options.bool("case_sensitive", false) || options.integer("context_turns", 0, 0, 20) != 0) {
            throw new ToolFailure("With id \"*\" the search ignores case and gives no context turns; leave out"
                    + " options.case_sensitive and options.context_turns (read a hit's turn with get_turn).");
        }
        boolean regex = options.bool("regex", false);
        int max = options.integer("max_results", SearchHistoryTool.DEFAULT_RESULTS, 1, SearchHistoryTool.MAX_RESULTS);
        String folder = options.optionalString("folder", 255).orElse(null);
        String since = options.optionalString("since", 64).orElse(null);
        JsonNode r = ctx.client().searchAll(new AllSearchQuery(query, folder, since, regex, max));
        ArrayNode hits = (ArrayNode) r.path("hits");
        for (JsonNode h : hits) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) h).remove("highlights");
        }
        int dropped = ctx.budget().fitHits(hits);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", "every session on this machine");
        out.put("query", query);
        out.put("count", hits.size());
        out.put("hits", hits);
        out.put("complete", !r.path("truncated").asBoolean() && dropped == 0);
        if (!r.path("index").path("ready").asBoolean()) {
            out.put("index_ready", false);
        }
        if (dropped > 0) {
            out.put(
                    "hint",
                    "Only the first " + hits.size() + " hits fit in one result (" + dropped + " more left"
                            + " out); narrow the query or lower options.max_results.");
        } else if (r.path("truncated").asBoolean()) {
            out.put(
                    "hint",
                    "More matches exist; raise options.max_results, add words, or use options.folder or"
                            + " options.since.");
        } else if (hits.isEmpty()) {
            out.put("hint", "No match. Every word must appear in the same turn; try fewer words or a prefix*.");
        } else {
            out.put("hint", "Read a hit's turn whole with get_turn(id, turn) using the hit's id and turn.");
        }
        return out;
    }
}
