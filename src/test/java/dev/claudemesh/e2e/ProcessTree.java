package dev.claudemesh.e2e;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started, politely first (SIGTERM), then by force (SIGKILL). */
final class ProcessTree {

    private ProcessTree() {}

    /** Snapshot of the process and its descendants (taken before anything dies and gets re-parented). */
    static Set<ProcessHandle> snapshot(ProcessHandle root) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /**
     * Sends SIGTERM to {@code root} and waits up to {@code grace}; then SIGTERM to whatever of its tree
     * (including {@code alsoKill}, processes seen earlier) is still alive, one more second; then SIGKILL.
     */
    static void terminate(ProcessHandle root, Set<ProcessHandle> alsoKill, Duration grace) {
        Set<ProcessHandle> all = new LinkedHashSet<>(alsoKill);
        all.addAll(snapshot(root));
        if (root.isAlive()) {
            root.destroy();
            awaitExit(root, grace);
        }
        all.addAll(snapshot(root));
        List<ProcessHandle> alive = all.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : alive) {
            awaitExit(process, Duration.ofSeconds(1));
        }
        for (ProcessHandle process : all) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (ProcessHandle process : all) {
            awaitExit(process, Duration.ofSeconds(2));
        }
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
