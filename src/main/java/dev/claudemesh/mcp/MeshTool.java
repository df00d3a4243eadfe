package dev.claudemesh.mcp;

import java.util.Map;

/** One claudemesh MCP tool: its name, what a model reads about it, its input schema and what it does. */
interface MeshTool {
    String name();

    /** What the tool does and how to use its result, written for a model. */
    String description();

    /** The JSON Schema of the arguments (an object schema, no additional properties). */
    String inputSchema();

    /** Whether the tool only reads (no message sent or marked delivered). */
    boolean readOnly();

    /**
     * Runs the tool. The returned value is rendered as JSON text for the model.
     *
     * @throws ToolFailure (and the client's exceptions) for failures the model should read
     */
    Map<String, Object> call(ToolArgs args, McpContext ctx) throws Exception;
}
