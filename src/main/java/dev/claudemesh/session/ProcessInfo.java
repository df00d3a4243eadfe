package dev.claudemesh.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Facts about OS processes: whether a pid is alive and when it started (so a reused pid is not taken for
 * a dead session), its parent and its name. Reads /proc on Linux, falls back to ProcessHandle elsewhere.
 * JDK-only (hook path).
 */
public final class ProcessInfo {
    /** The largest pid any supported OS hands out (Linux pid_max limit is 2^22). */
    public static final long MAX_PID = 4_194_304L;

    private ProcessInfo() {}

    public static boolean validPid(long pid) {
        return pid >= 1 && pid <= MAX_PID;
    }

    /** A stable start-time token for the process, or empty if it is not running. */
    public static OptionalLong startTime(long pid) {
        if (!validPid(pid)) {
            return OptionalLong.empty();
        }
        Optional<String[]> stat = procStat(pid);
        if (stat.isPresent()) {
            try {
                return OptionalLong.of(Long.parseLong(stat.get()[19])); // field 22: starttime, in clock ticks
            } catch (RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant())
                .map(i -> OptionalLong.of(i.toEpochMilli()))
                .orElse(OptionalLong.empty());
    }

    /** True if {@code pid} runs and started at {@code start} (same process, not a reuse). */
    public static boolean isSameProcess(long pid, long start) {
        OptionalLong now = startTime(pid);
        return now.isPresent() && now.getAsLong() == start;
    }

    public static OptionalLong parent(long pid) {
        Optional<String[]> stat = procStat(pid);
        if (stat.isPresent()) {
            try {
                return OptionalLong.of(Long.parseLong(stat.get()[1])); // field 4: ppid
            } catch (RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        return ProcessHandle.of(pid)
                .flatMap(ProcessHandle::parent)
                .map(p -> OptionalLong.of(p.pid()))
                .orElse(OptionalLong.empty());
    }

    /** The executable's short name (Linux comm), e.g. "claude". Empty if unknown. */
    public static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8)
                    .trim();
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid)
                    .flatMap(h -> h.info().command())
                    .map(c -> Path.of(c).getFileName().toString())
                    .orElse("");
        }
    }

    /** This process's ancestors, nearest first, up to (excluding) pid 1. */
    public static List<Long> ancestors(long pid) {
        List<Long> out = new ArrayList<>();
        long cur = pid;
        for (int i = 0; i < 64; i++) {
            OptionalLong p = parent(cur);
            if (p.isEmpty() || p.getAsLong() <= 1) {
                break;
            }
            cur = p.getAsLong();
            out.add(cur);
        }
        return out;
    }

    /** Fields of /proc/pid/stat after the command name, so index 0 is field 3 (state). */
    private static Optional<String[]> procStat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int close = s.lastIndexOf(')');
            if (close < 0) {
                return Optional.empty();
            }
            return Optional.of(s.substring(close + 2).trim().split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
