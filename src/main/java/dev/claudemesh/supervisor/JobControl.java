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
    private static final long POLL_MILLIS = 20;
    /** Ctrl-Z as a terminal with the kitty keyboard protocol sends it; checked on every chunk the user types. */
    private static final byte[] KITTY_CTRL_Z = {0x1b, '[', '1', '2', '2', ';', '5', 'u'};

    /** What stopping and continuing does; the supervisor's is {@link #of}. */
    interface Moves {
        boolean leftRawMode();

        void stopClaude();

        void releaseTerminal();

        /** Stops this process's job; returns once continued (at once when the stop was discarded). */
        void stopSelf();

        void takeTerminal();

        void continueClaude();
    }

    private final Moves moves;
    private final Semaphore keys = new Semaphore(0);
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
            public void stopSelf() {
                Posix.signalGroup(0, Posix.SIGTSTP); // 0: our own process group, the user's job
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

    /** The input pump saw a Ctrl-Z go to claude; returns at once. */
    void suspendKeyTyped() {
        keys.release();
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

    private void suspend() {
        moves.stopClaude();
        moves.releaseTerminal();
        moves.stopSelf();
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
