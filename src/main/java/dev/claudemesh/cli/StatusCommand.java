package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        description = "Show daemon health: version, port, pid, uptime, sessions. Exit 3 if it is not running.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Mixin
    JsonOutput json;

    StatusCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        var client = ctx.existingClient();
        JsonNode h = client.health();
        if (json.enabled) {
            ctx.out().println(client.json().writeValueAsString(h));
            return ExitCodes.OK;
        }
        ctx.out().println("claudemesh daemon " + h.path("version").asText() + ": running");
        ctx.out().println("  address  127.0.0.1:" + client.state().port());
        ctx.out().println("  pid      " + h.path("pid").asLong());
        ctx.out().println("  uptime   " + Format.ago(h.path("started_at").asLong(), System.currentTimeMillis()));
        ctx.out().println("  sessions " + h.path("sessions").asInt());
        ctx.out().println("  home     " + ctx.home().dir());
        return ExitCodes.OK;
    }
}
