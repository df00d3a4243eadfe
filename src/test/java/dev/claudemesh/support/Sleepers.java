package dev.claudemesh.support;

import java.util.ArrayList;
import java.util.List;

/** Real, harmless processes (sleep) whose pids tests register as claude sessions; ended by pid on close. */
public final class Sleepers implements AutoCloseable {
    private final List<Process> procs = new ArrayList<>();

    public long start() throws Exception {
        Process p = new ProcessBuilder("sleep", "600").start();
        procs.add(p);
        return p.pid();
    }

    public void kill(long pid) throws Exception {
        for (Process p : procs) {
            if (p.pid() == pid) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : procs) {
            p.destroyForcibly().waitFor();
        }
    }
}
