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
            "Prints turn number, time, role and a snippet per hit; secrets are masked unless --raw.",
            "With --all, search every session on this machine, live or ended (the daemon's full-text index):"
                    + " words (all must match), \"quoted phrases\" and prefix*, best matches first."
        },
        customSynopsis = {
            "claudemesh search [OPTIONS] <target> <query>",
            "claudemesh search --all [--folder NAME] [--since AGE|DATE] [--regex] [-n N] [--json] <query>"
        })
final class SearchCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Parameters(
            arity = "1..2",
            paramLabel = "<target> <query>",
            description = "A claudemesh id or folder name, then the text (or with --regex, the RE2 pattern); with"
                    + " --all only the query.")
    java.util.List<String> positional;

    String target;
    String query;

    @Option(names = "--all", description = "Search every session's transcript (live and ended) through the index.")
    boolean all;

    @Option(
            names = "--folder",
            paramLabel = "NAME",
            description = "With --all: only sessions in this folder (last part of the working folder, any case).")
    String folder;

    @Option(
            names = "--since",
            paramLabel = "AGE|DATE",
            description = "With --all: only turns since then: 30m, 2h, 2d, 1w, or a date/time like 2026-11-30.")
    String since;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            description = "With --all: at most N hits (1-1000, default 20).")
    Integer limit;

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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A wrong combination of arguments: exit 2 and the usage hint, like picocli's own checks. */
    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    SearchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (all) {
            if (positional.size() != 1) {
                throw usage("with --all give just the query, e.g. claudemesh search --all"
                        + " \"flaky migration\" (to search one session, leave out --all)");
            }
            if (caseSensitive || context != 0 || raw.enabled || max != 50) {
                throw usage("--case-sensitive, --context, --max and --raw search one session; with --all use -n");
            }
            return new AllSearch(ctx).run(positional.get(0), folder, since, regex, limit, json.enabled);
        }
        if (positional.size() != 2) {
            throw usage("give a target and a query (claudemesh search api \"migration\"), or"
                    + " --all and a query to search every session");
        }
        if (folder != null || since != null || limit != null) {
            throw usage("--folder, --since and -n go with --all (search every session)");
        }
        target = positional.get(0);
        query = positional.get(1);
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
        ctx.err().println(Format.safe(summary));
        return ExitCodes.OK;
    }
}
