package dev.claudemesh.supervisor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes the supervisor's decisions to a log file (never the terminal: claude owns it), so "why was my
 * task not typed?" has an answer: {@code CLAUDEMESH_SUPERVISOR_LOG=<file>}.
 */
final class LogListener implements SupervisorListener {
    private final PrintWriter out;

    private LogListener(PrintWriter out) {
        this.out = out;
    }

    static SupervisorListener open(String file) {
        if (file == null || file.isBlank()) {
            return NONE;
        }
        try {
            return new LogListener(new PrintWriter(
                    Files.newBufferedWriter(
                            Path.of(file),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND),
                    true));
        } catch (IOException e) {
            System.err.println("claudemesh: cannot open supervisor log " + file + ": " + e.getMessage());
            return NONE;
        }
    }

    private synchronized void log(String line) {
        out.println(Instant.now() + " " + line);
    }

    @Override
    public void childStarted(ProcessHandle child, boolean pty) {
        log("claude started, pid " + child.pid() + (pty ? " in a PTY" : " without a PTY"));
    }

    @Override
    public void gateChanged(GateDecision decision) {
        log("gate: " + decision.reason());
    }

    @Override
    public void delivered(TypingLease lease) {
        log("typed lease " + lease.leaseId() + " " + lease.messageIds());
    }

    @Override
    public void released(TypingLease lease, GateDecision why) {
        log("released lease " + lease.leaseId() + ": " + why.reason());
    }

    @Override
    public void problem(String message, Exception cause) {
        log("problem: " + message + (cause == null ? "" : " (" + cause + ")"));
    }

    @Override
    public void childExited(int exitCode) {
        log("claude exited with " + exitCode);
    }
}
