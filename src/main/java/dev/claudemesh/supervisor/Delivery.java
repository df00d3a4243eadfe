package dev.claudemesh.supervisor;

import java.io.IOException;
import java.util.Optional;

/** The delivery side of a supervisor run: connects to the daemon off the main path, then runs the loop. */
final class Delivery {
    private final TaskFeedFactory factory;
    private final ProcessHandle child;
    private final PtyWriter pty;
    private final InputTracker tracker;
    private final SupervisorConfig config;
    private final SupervisorListener listener;
    private final Thread thread;
    private DeliveryLoop loop;
    private boolean stopped;

    private Delivery(
            TaskFeedFactory factory,
            ProcessHandle child,
            PtyWriter pty,
            InputTracker tracker,
            SupervisorConfig config,
            SupervisorListener listener) {
        this.factory = factory;
        this.child = child;
        this.pty = pty;
        this.tracker = tracker;
        this.config = config;
        this.listener = listener;
        this.thread = new Thread(this::run, "claudemesh-delivery");
        thread.setDaemon(true);
    }

    static Delivery start(
            TaskFeedFactory factory,
            ProcessHandle child,
            PtyWriter pty,
            InputTracker tracker,
            SupervisorConfig config,
            SupervisorListener listener) {
        Delivery delivery = new Delivery(factory, child, pty, tracker, config, listener);
        delivery.thread.start();
        return delivery;
    }

    private void run() {
        Optional<TaskFeed> opened;
        try {
            opened = factory.open(child);
        } catch (IOException | RuntimeException e) {
            listener.problem("cannot connect to the daemon; realtime delivery is off for this session", e);
            return;
        } catch (InterruptedException e) {
            return;
        }
        if (opened.isEmpty()) {
            return;
        }
        try (TaskFeed feed = opened.get()) {
            DeliveryLoop created;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                created = new DeliveryLoop(
                        feed,
                        tracker,
                        new InjectionGate(config.silence(), MonotonicClock.system()),
                        new PasteTyper(pty, config.deliveryMode()),
                        listener,
                        MonotonicClock.system(),
                        config.feedTimeout(),
                        config.submitTimeout());
                loop = created;
            }
            created.run();
        } catch (IOException e) {
            listener.problem("detaching from the daemon failed", e);
        }
    }

    /** Stops the loop and detaches from the daemon (waits up to 2 s). */
    void stop() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            if (loop != null) {
                loop.stop();
            } else {
                thread.interrupt(); // still connecting
            }
        }
        thread.interrupt(); // a parked long-poll does not notice stop(); the daemon's sweep detaches us anyway
        thread.join(300);
    }
}
