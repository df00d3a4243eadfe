package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.SelfFinder;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "whoami",
        description = "Show the claudemesh id of the claude session this shell runs under (CLAUDE_PID, else the"
                + " nearest registered claude ancestor).")
final class WhoamiCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Mixin
    JsonOutput json;

    WhoamiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        var client = ctx.client();
        Optional<JsonNode> me = SelfFinder.find(client, ctx.env());
        if (me.isEmpty()) {
            throw new CliMain.CliException("this shell does not run under a registered claude session (no CLAUDE_PID"
                    + " and no claude ancestor known to the daemon); run it from claude's Bash tool, or check"
                    + " `claudemesh doctor`");
        }
        JsonNode s = me.get();
        if (json.enabled) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(s));
        } else {
            ctx.out()
                    .println(s.path("id").asText() + "  " + s.path("folder").asText() + "  "
                            + s.path("cwd").asText());
        }
        return ExitCodes.OK;
    }
}
