package dev.claudemesh.supervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What to run in a pseudo-terminal: the full command line, the complete environment, directory and size. */
public record PtyCommand(List<String> command, Map<String, String> environment, Path directory, WindowSize size) {
    public PtyCommand {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a PTY command needs at least the program to run");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(size, "size");
    }
}
