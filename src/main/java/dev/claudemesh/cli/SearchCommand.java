package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SearchQuery;
import dev.claudemesh.client.ApiException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "search",
        description = {
            "Search a session's conversation: a case-insensitive substring by default, or a linear-time regex.",
            "Prints turn number, time, role and a snippet per hit; secrets are masked unless --raw."
        })
final class SearchCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "<target>", description = "A claudemesh id or a folder name.")
    String target;

    @Parameters(index = "1", paramLabel = "<query>", description = "The text (or with --regex, the RE2 pattern).")
    String query;

    @Option(names = "--regex", description = "Treat the query as a regular expression (RE2 syntax).")
    boolean regex;

    @Option(names = "--case-sensitive", description = "Match upper and lower case exactly.")
    boolean caseSensitive;

    @Option(
            names = "--context",
            paramLabel = "N",
            defaultValue = "0",
            description = "Also show the N turns before and after each hit (0-20).")
    int context;

    @Option(
            names = "--max",
            paramLabel = "N",
            defaultValue = "50",
            description = "Stop after N hits (1-1000, default ${DEFAULT-VALUE}).")
    int max;

    @Mixin
    RawText raw;

    @Mixin
    JsonOutput json;

    SearchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (context < 0 || context > 20) {
            throw new CliMain.CliException("--context must be from 0 to 20, got " + context);
        }
        if (max < 1 || max > 1000) {
            throw new CliMain.CliException("--max must be from 1 to 1000, got " + max);
        }
        var client = ctx.client();
        JsonNode r;
        try {
            r = client.search(target, new SearchQuery(query, regex, caseSensitive, context, max, !raw.enabled));
        } catch (ApiException e) {
            throw new CliMain.CliException(e.getMessage());
        }
        if (json.enabled) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            return ExitCodes.OK;
        }
        TranscriptText text = new TranscriptText(ZoneId.systemDefault());
        for (JsonNode hit : r.path("hits")) {
            ctx.out().print(text.hit(hit));
        }
        int hits = r.path("hits").size();
        String summary = (hits == 1 ? "1 hit" : hits + " hits") + " in "
                + r.path("turns_scanned").asInt()
                + " turns of " + r.path("session").path("id").asText() + " ("
                + r.path("session").path("folder").asText() + "), "
                + r.path("elapsed_ms").asLong() + " ms";
        if (r.path("reached_max_results").asBoolean()) {
            summary += "; stopped at --max " + max + ", more may exist";
        } else if (r.path("reached_time_budget").asBoolean()) {
            summary += "; stopped at the time limit before the end of the transcript";
        }
        ctx.err().println(summary);
        return ExitCodes.OK;
    }
}
