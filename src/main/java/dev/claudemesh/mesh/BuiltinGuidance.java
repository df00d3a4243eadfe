package dev.claudemesh.mesh;

/**
 * What claudemesh tells the model about Claude Code's own messaging, only when it is on for the session: one
 * short sentence per place saying which system is for what, so a task goes through one of them, never both,
 * and the model does not hesitate. With the built-in off nothing of this is said.
 */
public final class BuiltinGuidance {
    /** Appended to the SessionStart context and the MCP server's instructions. */
    public static final String BOTH = "Claude Code's built-in SendMessage and ListAgents work here too. Use SendMessage"
            + " for quick model-to-model messages; claudemesh is for tasks from people (CLI, tray), delivery that"
            + " survives restarts, and reading or searching other sessions' history. Answer a message through the"
            + " system it came by, and send each message through one system only.";

    /** Appended to the send_message tool description. */
    public static final String SEND_MESSAGE = " Claude Code's built-in SendMessage also works here, for quick"
            + " model-to-model messages; use this tool when the message must survive a restart, or to answer a"
            + " <claudemesh-message>. Send each message through one of them only, never both.";

    /** Appended to the list_instances tool description. */
    public static final String LIST_INSTANCES = " builtin_name is the session's name in Claude Code's built-in"
            + " ListAgents and SendMessage, so you can tell which claudemesh session is which agent there.";

    private BuiltinGuidance() {}
}
