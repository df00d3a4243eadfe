package dev.claudemesh.mcp;

/**
 * A tool call that cannot be done, with one or two sentences the model can act on. It becomes an
 * {@code isError: true} tool result, never a JSON-RPC error.
 */
final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolFailure(String message) {
        super(message);
    }
}
