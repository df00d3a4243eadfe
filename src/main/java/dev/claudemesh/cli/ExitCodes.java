package dev.claudemesh.cli;

/** Fixed exit codes of every claudemesh command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int DAEMON_UNAVAILABLE = 3;
    public static final int NOT_FOUND_BINARY = 127;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
