package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.claudemesh.api.SearchQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code search_history}: substring or regex search of a session's conversation. */
final class SearchHistoryTool implements MeshTool {
    static final int DEFAULT_RESULTS = 20;
    static final int MAX_RESULTS = 200;
    static final List<String> OPTIONS = List.of("regex", "case_sensitive", "context_turns", "max_results");

    @Override
    public String name() {
        return "search_history";
    }

    @Override
    public String description() {
        return "Search a Claude Code session's conversation on this machine (another session's, or your own). The"
                + " query is a case-insensitive substring by default; options.regex makes it a regular expression"
                + " (RE2 syntax, linear time), options.case_sensitive matches case exactly. Each hit gives the turn"
                + " number, who wrote it (user, assistant, tool_use, tool_result or context), the time and a snippet"
                + " with secrets masked; options.context_turns adds one-line summaries of the turns around it. Hits are"
                + " oldest first; read a hit's turn whole with get_turn.";
    }

    @Override
    public String inputSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string", "minLength": 1, "maxLength": 255,
                      "description": "The session: its claudemesh id (from list_instances) or its folder name (case-insensitive; must match one session only)."
                    },
                    "query": {
                      "type": "string", "minLength": 1, "maxLength": 1000,
                      "description": "The text to find (or a regular expression when options.regex is true)."
                    },
                    "options": {
                      "type": "object",
                      "description": "Optional search settings; leave out for a case-insensitive substring search with up to 20 hits.",
                      "properties": {
                        "regex": {"type": "boolean", "default": false, "description": "Treat query as an RE2 regular expression."},
                        "case_sensitive": {"type": "boolean", "default": false, "description": "Match upper and lower case exactly."},
                        "context_turns": {"type": "integer", "minimum": 0, "maximum": 20, "default": 0, "description": "Summarize this many turns before and after each hit."},
                        "max_results": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20, "description": "Stop after this many hits."}
                      },
                      "additionalProperties": false
                    }
                  },
                  "required": ["id", "query"],
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Map<String, Object> call(ToolArgs args, McpContext ctx) throws Exception {
        String id = args.requiredString("id", 255);
        String query = args.optionalString("query", 1000)
                .orElseThrow(() -> new ToolFailure(
                        "The argument 'query' of search_history is required: the text to" + " look for."));
        ToolArgs options = args.object("options", OPTIONS);
        boolean regex = options.bool("regex", false);
        boolean caseSensitive = options.bool("case_sensitive", false);
        int context = options.integer("context_turns", 0, 0, 20);
        int max = options.integer("max_results", DEFAULT_RESULTS, 1, MAX_RESULTS);
        JsonNode r = ctx.client()
                .search(McpContext.requireTarget(id), new SearchQuery(query, regex, caseSensitive, context, max, null));
        ArrayNode hits = (ArrayNode) r.path("hits");
        int dropped = ctx.budget().fitHits(hits);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", McpContext.brief(r.path("session")));
        out.put("query", query);
        out.put("count", hits.size());
        out.put("hits", hits);
        out.put("complete", r.path("complete").asBoolean() && dropped == 0);
        out.put("turns_scanned", r.path("turns_scanned").asInt());
        if (dropped > 0) {
            out.put(
                    "hint",
                    "Only the first " + hits.size() + " hits fit in one result (" + dropped + " more left out);"
                            + " narrow the query, lower options.context_turns or options.max_results.");
        } else if (r.path("reached_max_results").asBoolean()) {
            out.put(
                    "hint",
                    "Stopped at " + max + " hits; more may exist further on (raise options.max_results or"
                            + " narrow the query).");
        } else if (r.path("reached_time_budget").asBoolean()) {
            out.put("hint", "The search hit its time limit before the end of the transcript; narrow the query.");
        } else if (r.path("hits").isEmpty()) {
            out.put(
                    "hint",
                    "No match. The search is a " + (regex ? "regular expression" : "plain substring")
                            + (caseSensitive ? ", case-sensitive" : ", ignoring case") + ".");
        }
        return out;
    }
}
