package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "index",
        description = {
            "The daemon's full-text index of every transcript (what `search --all` uses).",
            "  status   files, turns, size, lag and the last error",
            "  rebuild  throw the index away and build it again in the background"
        })
final class IndexCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "status|rebuild", description = "What to do.")
    String action;

    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Mixin
    JsonOutput json;

    IndexCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (!action.equals("status") && !action.equals("rebuild")) {
            throw new CliMain.CliException("unknown index action '" + action + "'; use status or rebuild");
        }
        var client = ctx.client();
        JsonNode r;
        try {
            r = action.equals("status") ? client.indexStatus() : client.rebuildIndex();
        } catch (ApiException e) {
            throw new CliMain.CliException(e.getMessage());
        }
        if (json.enabled) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            return ExitCodes.OK;
        }
        if (action.equals("rebuild")) {
            ctx.out().println("rebuilding the index in the background; `claudemesh index status` shows progress");
            return ExitCodes.OK;
        }
        ctx.out().println(describe(r));
        return ExitCodes.OK;
    }

    static String describe(JsonNode r) {
        long index = r.path("index_bytes").asLong();
        long transcripts = r.path("transcript_bytes").asLong();
        StringBuilder b = new StringBuilder();
        b.append(r.path("ready").asBoolean() ? "ready" : "building")
                .append(": ")
                .append(r.path("files").asLong())
                .append(" transcripts, ")
                .append(r.path("turns").asLong())
                .append(" turns\n");
        b.append("size: ")
                .append(mib(index))
                .append(" index for ")
                .append(mib(transcripts))
                .append(" of transcripts");
        if (transcripts > 0) {
            b.append(String.format(" (%.1f%%)", 100.0 * index / transcripts));
        }
        b.append('\n');
        b.append("lag: ")
                .append(r.path("lag_ms").asLong())
                .append(" ms, ")
                .append(r.path("pending_files").asLong())
                .append(" transcript(s) waiting\n");
        b.append("last error: ")
                .append(r.path("last_error").isTextual() ? r.path("last_error").asText() : "none")
                .append('\n');
        b.append("file: ").append(r.path("path").asText()).append('\n');
        b.append("transcripts under: ").append(r.path("projects_dir").asText());
        return b.toString();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
