package dev.claudemesh.supervisor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the claude binary: {@code CLAUDEMESH_CLAUDE_BIN} (a path, or a name looked up on PATH), else {@code claude}. */
public final class ClaudeBinary {
    public static final String ENV_VAR = "CLAUDEMESH_CLAUDE_BIN";
    public static final String DEFAULT_NAME = "claude";
    /** The shell's exit code for "command not found". */
    public static final int NOT_FOUND_EXIT = 127;

    private ClaudeBinary() {}

    /** The executable to run, resolved against {@code env}'s PATH and the working directory. */
    public static Optional<Path> resolve(Map<String, String> env, Path workingDirectory) {
        String name = requested(env);
        try {
            if (name.contains("/")) {
                return executable(workingDirectory.resolve(name));
            }
            String path = env.getOrDefault("PATH", "");
            for (String dir : path.split(File.pathSeparator, -1)) {
                Optional<Path> found =
                        executable((dir.isEmpty() ? workingDirectory : workingDirectory.resolve(dir)).resolve(name));
                if (found.isPresent()) {
                    return found;
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** One line saying what was not found and how to fix it. */
    public static String notFoundMessage(Map<String, String> env) {
        String name = requested(env);
        if (!isSet(env)) {
            return "claudemesh: cannot find 'claude' on PATH; install Claude Code or set " + ENV_VAR
                    + " to the claude binary.";
        }
        if (name.contains("/")) {
            return "claudemesh: " + ENV_VAR + "=" + name + " is not an executable file; fix the path, or unset "
                    + ENV_VAR + " to use claude from PATH.";
        }
        return "claudemesh: cannot find '" + name + "' (from " + ENV_VAR + ") on PATH; put it on PATH or set " + ENV_VAR
                + " to its full path.";
    }

    private static String requested(Map<String, String> env) {
        return isSet(env) ? env.get(ENV_VAR).strip() : DEFAULT_NAME;
    }

    private static boolean isSet(Map<String, String> env) {
        String value = env.get(ENV_VAR);
        return value != null && !value.isBlank();
    }

    private static Optional<Path> executable(Path candidate) {
        Path absolute = candidate.toAbsolutePath().normalize();
        return Files.isRegularFile(absolute) && Files.isExecutable(absolute) ? Optional.of(absolute) : Optional.empty();
    }
}
