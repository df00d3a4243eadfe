package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.AllSearchQuery;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import java.time.ZoneId;

/** {@code claudemesh search --all}: every session's transcript, through the daemon's full-text index. */
final class AllSearch {
    private final CliContext ctx;

    AllSearch(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(String query, String folder, String since, boolean regex, Integer limit, boolean json) throws Exception {
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw new CliMain.CliException("-n must be from 1 to 1000, got " + limit);
        }
        if (query.isBlank()) {
            throw new CliMain.CliException("the query is empty; give some words to look for");
        }
        DaemonClient client = ctx.client();
        JsonNode r;
        try {
            r = client.searchAll(new AllSearchQuery(query, folder, since, regex, limit));
        } catch (ApiException e) {
            throw new CliMain.CliException(e.getMessage());
        }
        if (json) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            return ExitCodes.OK;
        }
        TranscriptText text = new TranscriptText(ZoneId.systemDefault());
        for (JsonNode hit : r.path("hits")) {
            ctx.out()
                    .println(hit.path("folder").asText() + "  " + hit.path("id").asText() + "  turn "
                            + hit.path("turn").asInt() + "  " + text.time(hit.path("time")) + "  "
                            + hit.path("role").asText());
            ctx.out().println("    " + hit.path("snippet").asText());
        }
        int hits = r.path("hits").size();
        StringBuilder summary = new StringBuilder(hits == 1 ? "1 hit" : hits + " hits")
                .append(" in every session, ")
                .append(r.path("took_ms").asLong())
                .append(" ms");
        if (r.path("truncated").asBoolean()) {
            summary.append("; more exist (raise -n or narrow the query)");
        }
        if (!r.path("index").path("ready").asBoolean()) {
            summary.append("; the index is still being built, so some transcripts are not searched yet");
        }
        ctx.err().println(summary);
        return ExitCodes.OK;
    }
}
