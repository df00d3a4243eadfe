package dev.claudemesh.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where claude's output goes. By default straight to the user's terminal: claude's stdout and stderr are that
 * terminal's device, opened by a {@code /bin/sh} that then {@code exec}s claude, while its stdin and controlling
 * terminal stay the supervisor's PTY (keys and typed tasks go in there; window size and signals come from there). So
 * no byte of claude's output passes through the supervisor: it reaches the terminal as fast as with a plain claude.
 * The user's terminal keeps its own output processing for that ({@link HostTerminal#keepOutputProcessing}): claude
 * changes only the input modes of its terminal (2.1.332 leaves {@code opost onlcr} on, as Node's and Bun's raw mode
 * do), so it sees no difference. {@code CLAUDEMESH_PTY_OUTPUT=relay}, a stdout that is no terminal device, or one
 * the child cannot open makes the supervisor relay the output from its PTY, as it also does for anything else written
 * to that PTY.
 */
final class OutputRoute {
    static final String ENV_VAR = "CLAUDEMESH_PTY_OUTPUT";

    /**
     * {@code $1}: the terminal device; the rest: the command. The checks make a failed redirection (which would end
     * the shell before claude ran) all but impossible; without them claude runs with the PTY as its output.
     */
    static final String SHELL =
            "t=$1; shift; if [ -c \"$t\" ] && [ -w \"$t\" ]; then exec \"$@\" >\"$t\" 2>&1; fi; exec \"$@\"";

    private OutputRoute() {}

    /**
     * The device of the user's terminal when claude should write to it directly: {@code ttyname} of stdout, unless
     * {@code env} asks for the relay. An unknown value of the variable is taken as the default.
     */
    static Optional<String> directTerminal(Map<String, String> env, IntFunction<String> ttyname) {
        if ("relay".equals(env.get(ENV_VAR))) {
            return Optional.empty();
        }
        String name;
        try {
            name = ttyname.apply(1);
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
        return name != null && name.startsWith("/dev/") ? Optional.of(name) : Optional.empty();
    }

    /** {@code command}, run so that its stdout and stderr are {@code terminal}. */
    static List<String> writingTo(String terminal, List<String> command) {
        List<String> wrapped = new ArrayList<>(command.size() + 5);
        wrapped.add("/bin/sh");
        wrapped.add("-c");
        wrapped.add(SHELL);
        wrapped.add("claudemesh");
        wrapped.add(terminal);
        wrapped.addAll(command);
        return wrapped;
    }

    /** JLine's {@code ttyname}; null when the library cannot load. */
    static String ttyname(int fd) {
        try {
            return org.jline.nativ.CLibrary.isatty(fd) == 1 ? org.jline.nativ.CLibrary.ttyname(fd) : null;
        } catch (LinkageError e) {
            return null;
        }
    }
}
