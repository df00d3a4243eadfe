package dev.claudemesh.mesh;

/**
 * What a hook process must do: print {@code stdout} (the hook protocol) and {@code stderr}, then ack
 * {@code ackLease} (if any) once the output is written, and exit with {@code exit}.
 */
public record HookReply(String stdout, String stderr, int exit, String ackLease) {
    public static final HookReply NOTHING = new HookReply("", "", 0, null);
}
