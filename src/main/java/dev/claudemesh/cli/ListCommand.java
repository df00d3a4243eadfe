package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List live Claude Code sessions: id, folder, age, activity, pending messages.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Mixin
    JsonOutput json;

    ListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        var client = ctx.client();
        JsonNode sessions = client.sessions();
        if (json.enabled) {
            ctx.out().println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(sessions));
            return ExitCodes.OK;
        }
        if (sessions.isEmpty()) {
            ctx.out().println("No live sessions. Start claude (or `claudemesh`) after `claudemesh install`.");
            return ExitCodes.OK;
        }
        long now = System.currentTimeMillis();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "FOLDER", "AGE", "ACTIVE", "PENDING", "STATE", "WAKE", "CWD"});
        for (JsonNode s : sessions) {
            rows.add(new String[] {
                s.path("id").asText(),
                s.path("folder").asText(),
                Format.ago(s.path("started_at").asLong(), now),
                Format.ago(s.path("last_active").asLong(), now) + " ago",
                pending(s),
                s.path("idle").asBoolean() ? "idle" : "busy",
                s.path("supervised").asBoolean() ? "supervised" : "-",
                s.path("cwd").asText()
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : Format.pad(r[i], widths[i] + 2));
            }
            ctx.out().println(line.toString().stripTrailing());
        }
        return ExitCodes.OK;
    }

    private static String pending(JsonNode s) {
        int tasks = s.path("pending_tasks").asInt();
        int notes = s.path("pending_notes").asInt();
        if (tasks + notes == 0) {
            return "0";
        }
        return (tasks > 0 ? tasks + "t" : "") + (tasks > 0 && notes > 0 ? "+" : "") + (notes > 0 ? notes + "n" : "");
    }
}
