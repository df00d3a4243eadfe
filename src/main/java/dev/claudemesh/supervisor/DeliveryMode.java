package dev.claudemesh.supervisor;

/** What the supervisor types to deliver tasks. */
public enum DeliveryMode {
    /** The rendered task text as one bracketed paste, then Enter. */
    PASTE,
    /** The word {@code [inbox]}, then Enter; the UserPromptSubmit hook attaches the leased messages. */
    SENTINEL
}
