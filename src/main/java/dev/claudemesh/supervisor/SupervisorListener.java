package dev.claudemesh.supervisor;

/**
 * Callbacks from a supervisor run, for the caller to link the registration and to log (never to the terminal:
 * claude owns it). Called from supervisor threads; keep them short.
 */
public interface SupervisorListener {
    SupervisorListener NONE = new SupervisorListener() {};

    /** claude runs; {@code child} is the process in the PTY (it may be a wrapper that starts claude). */
    default void childStarted(ProcessHandle child, boolean pty) {}

    /** The typing guard's verdict changed (only changes are reported). */
    default void gateChanged(GateDecision decision) {}

    /** A lease was typed into claude. */
    default void delivered(TypingLease lease) {}

    /** A lease was given back because the guard closed between leasing and typing. */
    default void released(TypingLease lease, GateDecision why) {}

    /** Something went wrong on the delivery side; the passthrough is unaffected. */
    default void problem(String message, Exception cause) {}

    default void childExited(int exitCode) {}
}
