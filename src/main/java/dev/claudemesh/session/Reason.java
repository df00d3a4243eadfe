package dev.claudemesh.session;

/**
 * Why the core turned a request down. Adapters map a reason to their own terms in one place (the daemon to an
 * HTTP status, the CLI to an exit code); the core never knows those.
 */
public enum Reason {
    /** The input breaks a rule (a malformed id, a missing field, an unknown kind). */
    INVALID_INPUT,
    /** No such session, message, lease or transcript turn. */
    NOT_FOUND,
    /** A folder name that more than one live session has. */
    AMBIGUOUS_TARGET,
    /** A session sending to itself. */
    SELF_SEND,
    /** A message body over the size limit. */
    TOO_LARGE,
    /** A reply chain over the hop limit (agents may be looping). */
    HOP_LIMIT,
    /** Too many messages from one session to another within a minute. */
    RATE_LIMITED,
    /** A transcript path outside the folder the daemon may read. */
    PATH_REFUSED,
    /** A claimed sender that is not who the calling process is (another session, the tray app, a person). */
    SENDER_MISMATCH
}
