package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonUnavailableException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs {@link MeshTool}s for the SDK: the result as JSON text, and every failure (bad arguments, daemon down,
 * unknown target, a bug) as an {@code isError: true} result whose text says what to do.
 */
final class ToolRunner {
    private final Function<McpSyncServerExchange, McpContext> contexts;
    private final ObjectMapper json;
    private final ObjectWriter writer;

    /** @param contexts the context of the client a call comes from (the stdio server has one) */
    ToolRunner(Function<McpSyncServerExchange, McpContext> contexts, ObjectMapper json) {
        this.contexts = contexts;
        this.json = json;
        this.writer = json.writer(); // compact: every character of a result costs the model tokens
    }

    SyncToolSpecification spec(MeshTool tool, McpJsonMapper mcpJson) {
        McpSchema.Tool definition = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(mcpJson, tool.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(null, tool.readOnly(), false, tool.readOnly(), false, null))
                .build();
        return SyncToolSpecification.builder()
                .tool(definition)
                .callHandler((exchange, request) -> {
                    McpContext ctx = contexts.apply(exchange);
                    return ctx == null
                            ? error("This claudemesh MCP session has ended; restart claude to connect again.")
                            : run(tool, request.arguments(), ctx);
                })
                .build();
    }

    /** Calls {@code tool} with {@code arguments} (null = none) and renders the outcome. */
    McpSchema.CallToolResult run(MeshTool tool, Map<String, Object> arguments, McpContext ctx) {
        try {
            ToolArgs args = new ToolArgs(tool.name(), arguments, propertyNames(tool.inputSchema()));
            Map<String, Object> out = tool.call(args, ctx);
            McpSchema.CallToolResult result = McpSchema.CallToolResult.builder()
                    .addTextContent(writer.writeValueAsString(out))
                    .isError(false)
                    .build();
            if (ctx.daemon().takeLargeAnswer()) {
                // A long-lived process per claude session: give the heap that a large transcript answer grew back
                // to the OS (a full collection of this small heap takes a few milliseconds).
                System.gc();
            }
            return result;
        } catch (Exception e) {
            return error(failureText(tool, e));
        }
    }

    static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .isError(true)
                .build();
    }

    static String failureText(MeshTool tool, Exception e) {
        if (e instanceof ToolFailure) {
            return e.getMessage();
        }
        if (e instanceof ApiException api) {
            return sentence(api.getMessage());
        }
        if (e instanceof DaemonUnavailableException) {
            return "The claudemesh daemon cannot be reached (" + e.getMessage() + "). Ask the user to run"
                    + " `claudemesh doctor` in a terminal.";
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return "The claudemesh MCP server was interrupted while running " + tool.name() + "; try again.";
        }
        System.err.println("claudemesh mcp: " + tool.name() + " failed");
        e.printStackTrace(System.err);
        return "The claudemesh tool " + tool.name() + " failed unexpectedly (" + e + "). This is a claudemesh bug;"
                + " its details are in claude's MCP log.";
    }

    /** A daemon error line as a sentence: capital first letter (unless it starts with a name), final period. */
    static String sentence(String s) {
        if (s == null || s.isBlank()) {
            return "The claudemesh daemon refused the request.";
        }
        String first = s.split(" ", 2)[0];
        String t = first.matches("[a-z]+") ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
        return t.endsWith(".") ? t : t + ".";
    }

    private List<String> propertyNames(String schema) {
        try {
            JsonNode props = json.readTree(schema).path("properties");
            List<String> names = new ArrayList<>();
            props.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
