package dev.claudemesh.mesh;

/**
 * What a hook should tell claude, in claudemesh's terms; the daemon renders it in Claude Code's hook format.
 * At most one of {@code context} (text added to the model's context), {@code blockReason} (a Stop that must not
 * end the turn yet, with the text that keeps it going) and {@code statusLine} (the status line's text) is set.
 * {@code ackLease}, if any, is acked once the hook printed its output.
 */
public record HookReply(String context, String blockReason, String statusLine, String ackLease) {
    public static final HookReply NOTHING = new HookReply(null, null, null, null);

    public HookReply {
        int set = (context == null ? 0 : 1) + (blockReason == null ? 0 : 1) + (statusLine == null ? 0 : 1);
        if (set > 1) {
            throw new IllegalArgumentException("a hook reply carries context, a block reason or a status line");
        }
    }

    public static HookReply context(String text, String ackLease) {
        return new HookReply(text, null, null, ackLease);
    }

    public static HookReply block(String reason, String ackLease) {
        return new HookReply(null, reason, null, ackLease);
    }

    public static HookReply statusLine(String text) {
        return new HookReply(null, null, text, null);
    }
}
