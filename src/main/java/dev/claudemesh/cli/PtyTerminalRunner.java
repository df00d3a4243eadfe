package dev.claudemesh.cli;

import dev.claudemesh.install.TerminalRunner;
import dev.claudemesh.supervisor.NativeLibraries;
import dev.claudemesh.supervisor.PtyCommand;
import dev.claudemesh.supervisor.PtySession;
import dev.claudemesh.supervisor.WindowSize;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The install's terminal for the supervisor's training run: a pty4j pseudo-terminal, its output copied to a file.
 * pty4j's native library is unpacked into {@code directory} (the run's scratch folder, deleted after it), so install
 * leaves no cache in the user's home.
 */
final class PtyTerminalRunner implements TerminalRunner {
    @Override
    public OptionalInt run(List<String> command, Map<String, String> env, Path directory, Path output, Duration timeout)
            throws IOException, InterruptedException {
        NativeLibraries.prepare(directory.resolve("native")); // once per JVM: later runs find the libraries loaded
        PtySession session = PtySession.start(new PtyCommand(command, env, directory, new WindowSize(100, 30)));
        try (OutputStream out = Files.newOutputStream(output)) {
            Thread reader = new Thread(() -> copy(session, out), "claudemesh-cds-terminal");
            reader.setDaemon(true);
            reader.start();
            OptionalInt exit = session.waitFor(timeout);
            if (exit.isEmpty()) {
                session.kill();
                session.waitFor(Duration.ofSeconds(5));
            }
            reader.join(2000); // the rest of its output, up to the terminal's hang-up
            return exit;
        } finally {
            session.close();
        }
    }

    private static void copy(PtySession session, OutputStream out) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = session.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the terminal hung up: the run is over
        }
    }
}
