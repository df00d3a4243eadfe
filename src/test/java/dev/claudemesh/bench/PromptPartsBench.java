package dev.claudemesh.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.e2e.ClaudeHome;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code packaging/bench prompt-parts}: where the added latency per prompt goes. Real claude, interleaved rounds
 * as in {@link PromptBench}, with claudemesh (thin hooks) installed whole and then one piece at a time: the
 * UserPromptSubmit hook alone (as installed: it skips the daemon while nothing waits for the session; and as it
 * runs when something waits, a request to the daemon every time), the status line alone, the MCP server alone, the
 * Stop hooks alone (the waiter is parked when the prompt comes); beside a plain claude and a claude with a {@code true} UserPromptSubmit hook
 * (what any command hook costs).
 */
final class PromptPartsBench {
    private PromptPartsBench() {}

    static void run(PrintStream out) throws Exception {
        List<String> thin = List.of("--hooks", "thin");
        PromptBench.run(
                out,
                List.of(
                        new PromptBench.Variant("plain claude", null),
                        new PromptBench.Variant(
                                "plain + `true` prompt hook", null, home -> home.addHook("UserPromptSubmit", "true")),
                        new PromptBench.Variant("thin, everything", thin),
                        new PromptBench.Variant("thin, prompt hook only", thin, only(Set.of("UserPromptSubmit"))),
                        new PromptBench.Variant(
                                "thin, prompt hook, always asks",
                                thin,
                                only(Set.of("UserPromptSubmit")).andThen(PromptPartsBench::alwaysAsk)),
                        new PromptBench.Variant("thin, status line only", thin, only(Set.of("statusLine"))),
                        new PromptBench.Variant("thin, MCP server only", thin, only(Set.of("mcp"))),
                        new PromptBench.Variant("thin, Stop hooks only", thin, only(Set.of("Stop")))));
        out.printf("load average %s%n", FiguresBench.loadAverage());
    }

    /**
     * {@code packaging/bench hook-cost}: what claude's prompt latency makes of a hook's own time. claude runs the
     * prompt hook alongside its own work, so a hook that only waits ({@code sleep 0.01}) adds little, while CPU taken
     * from claude on a small machine (the hook's processes, the daemon's handling) adds to the prompt.
     */
    static void hookCost(PrintStream out) throws Exception {
        List<String> thin = List.of("--hooks", "thin");
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            PromptBench.run(
                    out,
                    List.of(
                            new PromptBench.Variant("plain claude", null),
                            new PromptBench.Variant("true", null, home -> home.addHook("UserPromptSubmit", "true")),
                            new PromptBench.Variant(
                                    "sleep 0.01", null, home -> home.addHook("UserPromptSubmit", "sleep 0.01")),
                            new PromptBench.Variant(
                                    "cat >/dev/null", null, home -> home.addHook("UserPromptSubmit", "cat >/dev/null")),
                            new PromptBench.Variant(
                                    "true, async",
                                    null,
                                    home -> home.addHook("UserPromptSubmit", "true", Map.of("async", true))),
                            new PromptBench.Variant("http hook answering {}", null, home -> addHttpHook(home, server)),
                            new PromptBench.Variant("thin, prompt hook only", thin, only(Set.of("UserPromptSubmit")))));
        } finally {
            server.stop(0);
        }
        out.printf("load average %s%n", FiguresBench.loadAverage());
    }

    /**
     * The prompt hook as it runs when the daemon has something for it (a message waiting): the thin launcher's
     * request, without the quiet prompt in front of it (the command's tail after {@code || exec}).
     */
    private static void alwaysAsk(ClaudeHome home) {
        home.updateSettings(settings -> {
            for (com.fasterxml.jackson.databind.JsonNode group :
                    settings.path("hooks").path("UserPromptSubmit")) {
                for (com.fasterxml.jackson.databind.JsonNode hook : group.path("hooks")) {
                    String command = hook.path("command").asText();
                    String tail = dev.claudemesh.install.QuietPrompt.tailOf(command);
                    if (tail == null) {
                        throw new IllegalStateException("not the quiet prompt command: " + command);
                    }
                    ((ObjectNode) hook).put("command", tail);
                }
            }
        });
    }

    private static void addHttpHook(ClaudeHome home, com.sun.net.httpserver.HttpServer server) {
        home.updateSettings(settings -> {
            ObjectNode hooks = settings.with("hooks");
            com.fasterxml.jackson.databind.node.ArrayNode groups = hooks.has("UserPromptSubmit")
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) hooks.get("UserPromptSubmit")
                    : hooks.putArray("UserPromptSubmit");
            groups.addObject()
                    .putArray("hooks")
                    .addObject()
                    .put("type", "http")
                    .put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        });
    }

    /** Keeps only the named pieces of the install: hook events, {@code statusLine}, {@code mcp}. */
    private static Consumer<ClaudeHome> only(Set<String> keep) {
        return home -> {
            home.updateSettings(settings -> {
                if (!keep.contains("statusLine")) { // SessionStart stays: it registers the session, before any prompt
                    settings.remove("statusLine");
                }
                if (settings.get("hooks") instanceof ObjectNode hooks) {
                    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = hooks.fields();
                            it.hasNext(); ) {
                        String event = it.next().getKey();
                        if (!keep.contains(event) && !event.equals("SessionStart")) {
                            it.remove();
                        }
                    }
                }
            });
            if (!keep.contains("mcp")) {
                home.updateClaudeJson(json -> {
                    if (json.get("mcpServers") instanceof ObjectNode servers) {
                        servers.remove("claudemesh");
                    }
                });
            }
        };
    }
}
