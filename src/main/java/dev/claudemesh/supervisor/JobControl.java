package dev.claudemesh.supervisor;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-Z for a supervised claude. On Ctrl-Z claude leaves raw mode, says it is suspended and sends itself SIGTSTP.
 * Under the supervisor the kernel discards that signal (claude's process group is alone in its session: an orphaned
 * group), so claude waited for a SIGCONT nobody sent and the user had no shell. After a Ctrl-Z, this watches claude's
 * terminal for a second; once claude has left raw mode (canonical input back on) it does what the user's shell does
 * with a plain claude: stops claude's process group, puts the user's terminal back and stops its own job, so that the
 * shell says "Stopped". On {@code fg} (SIGCONT) it takes the terminal again and continues claude, which takes raw
 * mode back and redraws. Where its own stop is discarded too (no job-control shell above it, as in the tray's
 * terminal tabs), claude is continued at once.
 */
final class JobControl implements AutoCloseable {
    static final long WATCH_MILLIS = 1_000;
    /** How long, at most, the stop of our job may take to reach this thread before claude is continued anyway. */
    static final long STOP_WAIT_MILLIS = 2_000;

    private static final long POLL_MILLIS = 20;
    /** Ctrl-Z as a terminal with the kitty keyboard protocol sends it; checked on every chunk the user types. */
    private static final byte[] KITTY_CTRL_Z = {0x1b, '[', '1', '2', '2', ';', '5', 'u'};

    /** What stopping and continuing does; the supervisor's is {@link #of}. */
    interface Moves {
        boolean leftRawMode();

        void stopClaude();

        void releaseTerminal();

        /**
         * Stops this process's job. Returns whether a stop is to be waited for: a job-control shell above us (our
         * parent in another process group of our session) stops and later continues it; else the kernel discards the
         * stop (an orphaned group) and nothing is to be waited for.
         */
        boolean stopSelf();

        void takeTerminal();

        void continueClaude();
    }

    private final Moves moves;
    private final Semaphore keys = new Semaphore(0);
    private final Semaphore continues = new Semaphore(0);
    private final Thread watcher;
    private volatile boolean closed;

    JobControl(Moves moves) {
        this.moves = moves;
        this.watcher = new Thread(this::watch, "claudemesh-job-control");
        watcher.setDaemon(true);
        watcher.start();
    }

    static Moves of(PtySession session, HostTerminal host, Runnable resize) {
        return new Moves() {
            @Override
            public boolean leftRawMode() {
                return session.isAlive() && session.canonicalInput();
            }

            @Override
            public void stopClaude() {
                session.signal(Posix.SIGSTOP);
            }

            @Override
            public void releaseTerminal() {
                host.restore();
            }

            @Override
            public boolean stopSelf() {
                boolean stops = parentControlsJobs();
                Posix.signalGroup(0, Posix.SIGTSTP); // 0: our own process group, the user's job
                return stops;
            }

            @Override
            public void takeTerminal() {
                try {
                    host.enterRaw();
                } catch (IOException e) {
                    // the terminal is gone; claude's hang-up follows
                }
                resize.run();
            }

            @Override
            public void continueClaude() {
                session.signal(Posix.SIGCONT);
            }
        };
    }

    /** This process got SIGCONT (its job was continued); returns at once. */
    void continued() {
        continues.release();
    }

    /** The input pump saw a Ctrl-Z go to claude; returns at once. */
    void suspendKeyTyped() {
        keys.release();
    }

    /** Whether our parent is in another process group of our session (a job-control shell): our group is not orphaned. */
    static boolean parentControlsJobs() {
        try {
            String[] self = statFields("self");
            String[] parent = statFields(self[1]);
            return !parent[2].equals(self[2]) && parent[3].equals(self[3]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code /proc/<pid>/stat} from the state on: state, ppid, pgrp, session, ... */
    private static String[] statFields(String pid) throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Whether {@code bytes[offset, offset + length)} holds Ctrl-Z: 0x1a, or {@code ESC [ 122 ; 5 u} (kitty keys). */
    static boolean holdsSuspendKey(byte[] bytes, int offset, int length) {
        byte[] kitty = KITTY_CTRL_Z;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0x1a) {
                return true;
            }
            if (bytes[i] == 0x1b && i + kitty.length <= offset + length) {
                boolean match = true;
                for (int k = 1; k < kitty.length && match; k++) {
                    match = bytes[i + k] == kitty[k];
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private void watch() {
        try {
            while (!closed) {
                keys.acquire();
                keys.drainPermits();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
                while (!closed && System.nanoTime() < until) {
                    if (moves.leftRawMode()) {
                        suspend();
                        break;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void suspend() throws InterruptedException {
        moves.stopClaude();
        moves.releaseTerminal();
        continues.drainPermits();
        if (moves.stopSelf()) {
            // the kernel may hand our group's stop to another thread, and this one would go on to continue claude
            // before it is stopped itself: wait for the SIGCONT of fg (bounded: should the stop never come)
            continues.tryAcquire(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (closed) {
            return;
        }
        moves.takeTerminal();
        moves.continueClaude();
        keys.drainPermits(); // keys typed while stopped were not a new Ctrl-Z
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
