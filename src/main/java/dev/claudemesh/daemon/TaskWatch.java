package dev.claudemesh.daemon;

import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.MeshEvent;
import dev.claudemesh.mesh.MeshFeed;
import dev.claudemesh.mesh.SessionView;
import dev.claudemesh.message.Message;
import dev.claudemesh.message.MessageKind;
import dev.claudemesh.notify.TaskArrival;
import dev.claudemesh.notify.TaskNotifications;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the mesh-wide event stream in the daemon's own process and hands every message that lands to the
 * notification decision, with what the receiver looked like then (idle, supervisor, waiter). Its own thread:
 * a D-Bus call never delays the sender's answer.
 */
final class TaskWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWatch.class);

    private final Mesh mesh;
    private final TaskNotifications notifications;
    private final Thread thread;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> parked;
    /** The mesh feed's sequence number up to which every event has been handed to the decision. */
    private volatile long handled;

    TaskWatch(Mesh mesh, TaskNotifications notifications) {
        this.mesh = mesh;
        this.notifications = notifications;
        this.thread = new Thread(this::run, "claudemesh-notify");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        MeshFeed feed = mesh.feed();
        long cursor = feed.seq();
        handled = cursor;
        while (!closed) {
            CompletableFuture<Void> f = feed.awaitAfter(cursor);
            parked = f;
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                feed.forget(f);
                continue;
            } catch (Exception e) {
                feed.forget(f);
                if (closed) {
                    return;
                }
            }
            MeshFeed.Batch batch = feed.since(cursor);
            cursor = batch.seq();
            for (MeshEvent e : batch.events()) {
                try {
                    handle(e);
                } catch (RuntimeException ex) {
                    LOG.warn("notification for {} failed: {}", e.messageId(), ex.toString());
                }
            }
            handled = cursor;
        }
    }

    /** Up to which mesh feed sequence number every event has been decided (and shown, where it was). */
    long handledThrough() {
        return handled;
    }

    private void handle(MeshEvent e) {
        if (e.type().equals("session.ended")) {
            notifications.sessionEnded(e.session());
            return;
        }
        if (!e.type().equals("message.sent") || !MessageKind.TASK.wire().equals(e.kind())) {
            return;
        }
        SessionView to;
        Message m;
        try {
            to = mesh.session(e.session());
            m = mesh.message(e.messageId());
        } catch (Exception gone) {
            return; // ended or already gone: nobody to tell
        }
        boolean shown = notifications.onArrival(new TaskArrival(
                to.id(), to.folder(), m.from(), m.kind(), m.body(), to.idle(), to.supervisor(), to.waiter()));
        if (shown) {
            LOG.info("notified ({}) task {} for idle session {}", notifications.backend(), m.id(), to.id());
        }
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Void> f = parked;
        if (f != null) {
            f.completeExceptionally(new IllegalStateException("closed"));
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
