package dev.claudemesh.supervisor;

import java.io.IOException;
import java.util.Optional;

/** Connects a running supervised claude to the daemon. */
@FunctionalInterface
public interface TaskFeedFactory {
    /**
     * Called on the delivery thread once claude runs in the PTY (the passthrough does not wait for it). Links the
     * supervisor to claude's registration (by child pid; claude may be a descendant when a wrapper starts it) and
     * returns the feed, or empty when delivery is not possible (no daemon, no registration in time).
     */
    Optional<TaskFeed> open(ProcessHandle child) throws IOException, InterruptedException;
}
