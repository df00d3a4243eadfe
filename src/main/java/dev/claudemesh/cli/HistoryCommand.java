package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.ApiException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "history",
        description = {
            "Show the last turns of a session's conversation (a turn is a prompt and everything up to the next).",
            "Long tool output is cut and secrets are masked unless --raw."
        })
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "<target>", description = "A claudemesh id or a folder name.")
    String target;

    @Option(
            names = {"-n", "--last"},
            paramLabel = "N",
            defaultValue = "10",
            description = "How many of the latest turns (1-200, default ${DEFAULT-VALUE}).")
    int last;

    @Mixin
    RawText raw;

    @Mixin
    JsonOutput json;

    HistoryCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (last < 1 || last > 200) {
            throw new CliMain.CliException("-n must be from 1 to 200, got " + last);
        }
        var client = ctx.client();
        JsonNode h;
        try {
            h = client.history(target, last, !raw.enabled);
        } catch (ApiException e) {
            throw new CliMain.CliException(e.getMessage());
        }
        if (json.enabled) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(h));
            return ExitCodes.OK;
        }
        JsonNode s = h.path("session");
        int total = h.path("total_turns").asInt();
        int shown = h.path("turns").size();
        ctx.err()
                .println("session " + s.path("id").asText() + " ("
                        + s.path("folder").asText() + ", "
                        + s.path("cwd").asText() + "): "
                        + (total == 0 ? "no turns yet" : "turns " + (total - shown + 1) + "-" + total + " of " + total)
                        + (h.path("redacted").asBoolean() ? ", redacted" : ", raw"));
        TranscriptText text = new TranscriptText(ZoneId.systemDefault());
        boolean first = true;
        for (JsonNode turn : h.path("turns")) {
            if (!first) {
                ctx.out().println();
            }
            ctx.out().print(text.turn(turn));
            first = false;
        }
        return ExitCodes.OK;
    }
}
