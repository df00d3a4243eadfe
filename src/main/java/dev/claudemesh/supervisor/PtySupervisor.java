package dev.claudemesh.supervisor;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs claude in a PTY behind the user's terminal: raw mode on the way in, restored on every way out (normal exit,
 * claude crashing, TERM/HUP/INT sent to us, which are passed on to claude), window size at start and on SIGWINCH,
 * claude's exit code (or 128 + signal) as ours. Claude writes to the user's terminal itself where it can ({@link
 * OutputRoute}); whatever reaches the PTY's output is relayed ({@link Passthrough}). Ctrl-Z suspends claude and the
 * supervisor together, as a shell would ({@link JobControl}).
 */
final class PtySupervisor {
    /** How long claude gets to exit after we passed it a TERM/HUP/INT before it is killed. */
    static final Duration SIGNAL_GRACE = Duration.ofSeconds(5);

    private final SupervisorConfig config;
    private final SupervisorListener listener;
    private final PrintStream err;

    PtySupervisor(SupervisorConfig config, SupervisorListener listener, PrintStream err) {
        this.config = config;
        this.listener = listener;
        this.err = err;
    }

    int run(List<String> command, Map<String, String> env, Path directory, TaskFeedFactory feedOrNull)
            throws InterruptedException {
        NativeLibraries.prepare(config.nativeCacheDir());
        NativeLibraries.spareLdconfig();
        quietLibraryLogging();
        HostTerminal host;
        try {
            host = HostTerminal.open();
        } catch (IOException | RuntimeException e) {
            err.println("claudemesh: cannot take over this terminal (" + e.getMessage() + ").");
            return NoPtyRunner.run(command, env, directory, listener, err);
        }
        Optional<String> direct = OutputRoute.directTerminal(env, OutputRoute::ttyname);
        List<String> spawned = direct.isPresent() && host.keepOutputProcessing()
                ? OutputRoute.writingTo(direct.get(), command)
                : command;
        // raw mode before claude starts: claude writes to this terminal itself, and its first screen must not come
        // while the terminal still echoes keys and turns Ctrl-C or Ctrl-Z into signals for us
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<PtySession> started = new AtomicReference<>();
        Thread restoreOnExit = new Thread(
                () -> {
                    if (!finished.get()) {
                        host.restore();
                        PtySession child = started.get();
                        if (child != null) {
                            child.hangup();
                        }
                    }
                },
                "claudemesh-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            host.enterRaw();
        } catch (IOException e) {
            err.println(
                    "claudemesh: cannot put the terminal in raw mode (" + e.getMessage() + "); keys may echo twice.");
        }
        PtySession session;
        try {
            session = PtySession.start(new PtyCommand(spawned, withTerm(env), directory, host.size()));
            started.set(session);
        } catch (IOException | RuntimeException e) {
            finished.set(true);
            host.close();
            removeHook(restoreOnExit);
            err.println("claudemesh: cannot start " + command.get(0) + " in a pseudo-terminal: " + e.getMessage());
            return 126;
        }
        SignalHandlers signals = forwardSignals(session, host);
        host.onResize(() -> resize(session, host));
        JobControl jobControl = new JobControl(JobControl.of(session, host, () -> resize(session, host)));
        host.reapplyRawOnContinue(() -> {
            resize(session, host);
            jobControl.continued();
        });
        resize(session, host); // the window may have changed while claude started

        InputTracker tracker = new InputTracker(MonotonicClock.system());
        Passthrough passthrough = new Passthrough(
                new FileInputStream(FileDescriptor.in).getChannel(),
                new FileOutputStream(FileDescriptor.out).getChannel(),
                session,
                tracker,
                jobControl::suspendKeyTyped);
        passthrough.start();
        Delivery delivery = null;
        try {
            ProcessHandle child = session.process();
            listener.childStarted(child, true);
            if (feedOrNull != null) {
                delivery = Delivery.start(feedOrNull, child, session, tracker, config, listener);
            }
        } catch (IllegalStateException e) {
            // claude exited at once; waitFor reports how
        }
        int exit;
        try {
            exit = session.waitFor();
            passthrough.awaitOutput(Duration.ofSeconds(2));
        } finally {
            host.close(); // the terminal first: claude is gone, the user should get their shell back at once
            finished.set(true);
            passthrough.stop(); // wakes the input pump: a thread blocked in a native read delays the JVM's exit
            jobControl.close();
            removeHook(restoreOnExit);
            signals.close();
            if (delivery != null) {
                delivery.stop();
            }
            session.close();
        }
        listener.childExited(exit);
        return exit;
    }

    /** TERM, HUP and INT sent to us go to claude; if it is still there after the grace period, it is killed. */
    private static SignalHandlers forwardSignals(PtySession session, HostTerminal host) {
        SignalHandlers handlers = new SignalHandlers();
        Map<String, Integer> signals = Map.of("TERM", Posix.SIGTERM, "HUP", Posix.SIGHUP, "INT", Posix.SIGINT);
        signals.forEach((name, number) -> handlers.handle(name, () -> {
            session.signal(number);
            Thread watchdog = new Thread(() -> killIfStillRunning(session, host), "claudemesh-signal-grace");
            watchdog.setDaemon(true);
            watchdog.start();
        }));
        return handlers;
    }

    private static void killIfStillRunning(PtySession session, HostTerminal host) {
        try {
            if (session.waitFor(SIGNAL_GRACE).isEmpty()) {
                host.restore();
                session.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void resize(PtySession session, HostTerminal host) {
        try {
            session.resize(host.size());
        } catch (IOException | RuntimeException e) {
            // claude is gone
        }
    }

    private static Map<String, String> withTerm(Map<String, String> env) {
        if (env.containsKey("TERM")) {
            return env;
        }
        Map<String, String> copy = new HashMap<>(env);
        copy.put("TERM", "xterm-256color");
        return copy;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
    }

    /** pty4j logs through slf4j at INFO; on the supervisor path stderr belongs to claude's screen. */
    private static void quietLibraryLogging() {
        String key = "org.slf4j.simpleLogger.log.com.pty4j";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }
}
