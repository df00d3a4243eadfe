package dev.claudemesh.cli;

import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.daemon.Daemon;
import dev.claudemesh.notify.desktop.DesktopNotifiers;
import dev.claudemesh.notify.desktop.IconFiles;
import dev.claudemesh.notify.desktop.TrayClick;
import dev.claudemesh.session.ProcessProbe;
import dev.claudemesh.transcript.TranscriptLocator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "daemon",
        description = {
            "Run the claudemesh daemon in the foreground (clients start it in the background when needed).",
            "It listens on 127.0.0.1 only, port 7878 by default (config.json \"port\" or CLAUDEMESH_PORT).",
            "It raises a desktop notification when a task lands on an idle session that nothing can wake"
                    + " (config.json \"notify\": \"unwakeable\" (default), \"unsupervised\" or \"off\")."
        })
final class DaemonCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Option(names = "--stop", description = "Stop the running daemon and wait for it to exit.")
    boolean stop;

    @Option(names = "--if-absent", hidden = true, description = "Exit 0 quietly when a daemon already runs.")
    boolean ifAbsent;

    DaemonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (stop) {
            return stopRunning();
        }
        MeshConfig config = MeshConfig.load(ctx.home(), ctx.env());
        if (ifAbsent) {
            Daemon.logToHomeFile(ctx.home()); // the background daemon: its own rotating daemon.log
        }
        Optional<Daemon> started = Daemon.start(
                ctx.home(),
                config,
                ProcessProbe.SYSTEM,
                TranscriptLocator.fromEnvironment(ctx.env()),
                () -> DesktopNotifiers.forPlatform(
                        ctx.env(), id -> TrayClick.open(ctx.home(), id), () -> IconFiles.notificationIcon(ctx.home())));
        if (started.isEmpty() && ifAbsent) {
            return ExitCodes.OK;
        }
        if (started.isEmpty()) {
            String who = DaemonState.read(ctx.home().stateFile())
                    .map(s -> " (pid " + s.pid() + ", port " + s.port() + ")")
                    .orElse("");
            throw new CliMain.CliException(
                    "a daemon already runs for " + ctx.home().dir() + who);
        }
        Daemon d = started.get();
        d.warmUp();
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "claudemesh-daemon-exit"));
        d.awaitStop();
        return ExitCodes.OK;
    }

    private int stopRunning() throws Exception {
        var client = ctx.existingClient();
        long pid = client.state().pid();
        try {
            client.shutdown();
        } catch (DaemonUnavailableException goingAway) {
            // it may close the connection as it stops; waiting for its pid below tells
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported below
            }
        });
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new CliMain.CliException("the daemon (pid " + pid + ") did not stop within 5 s");
        }
        ctx.out().println("claudemesh daemon stopped (pid " + pid + ")");
        return ExitCodes.OK;
    }
}
