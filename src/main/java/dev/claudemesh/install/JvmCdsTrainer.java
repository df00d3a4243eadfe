package dev.claudemesh.install;

import dev.claudemesh.config.JvmFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Makes the AppCDS archive with one training run of the hook path:
 * {@code java -XX:ArchiveClassesAtExit=<jsa> <fast flags> -jar <jar> hook Stop} fed a Stop payload, in a
 * throwaway {@code HOME}/{@code CLAUDEMESH_HOME} (no daemon there, so the hook exits at once); likewise one each
 * for the MCP server, the CLI and the supervisor (in a terminal). Any exit code is fine; only a missing archive or
 * a time-out counts as failure. The scratch home is deleted after each run.
 */
final class JvmCdsTrainer implements CdsTrainer {
    private static final List<String> TRAINING_ARGS = List.of("hook", "Stop");
    /** The supervised "claude" of the supervisor's training run. */
    static final String TRAINING_CHILD = "/bin/echo";

    private final Duration timeout;
    private final TerminalRunner terminal;

    /** @param terminal runs the supervisor's training run; null: no supervisor archive */
    JvmCdsTrainer(Duration timeout, TerminalRunner terminal) {
        this.timeout = Objects.requireNonNull(timeout);
        this.terminal = terminal;
    }

    private Optional<String> run(String java, Path jar, Path jsa, List<String> args, Function<Path, String> input) {
        return run(java, jar, jsa, LauncherScript.FAST_FLAGS, args, input, Map.of(), null);
    }

    /**
     * One training run in a scratch home; in {@code terminal} when given (its stdin is then the terminal, not
     * {@code input}), else with {@code input} on stdin and stdout discarded.
     */
    private Optional<String> run(
            String java,
            Path jar,
            Path jsa,
            List<String> jvmFlags,
            List<String> args,
            Function<Path, String> input,
            Map<String, String> extraEnv,
            TerminalRunner terminal) {
        Path scratch = null;
        Path tmpJsa = jsa.resolveSibling(jsa.getFileName() + ".tmp");
        try {
            scratch = Files.createTempDirectory("claudemesh-cds-");
            Path stdin = scratch.resolve("stop.json");
            Files.writeString(stdin, input.apply(scratch), StandardCharsets.UTF_8);
            Path stderr = scratch.resolve("stderr.txt");
            Files.deleteIfExists(tmpJsa);
            List<String> command = new ArrayList<>();
            command.add(java);
            command.add("-XX:ArchiveClassesAtExit=" + tmpJsa);
            command.addAll(jvmFlags);
            // same JVM flags as the launcher, but CDS warnings kept: they explain a failed run
            command.addAll(
                    List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar.toString()));
            command.addAll(args);
            Map<String, String> env = new HashMap<>(System.getenv());
            List.of(
                            "CLAUDE_PID",
                            "CLAUDE_CODE_SESSION_ID",
                            "CLAUDECODE",
                            "CLAUDE_PROJECT_DIR",
                            "CLAUDE_CONFIG_DIR",
                            "CLAUDEMESH_SUPERVISOR_LOG") // the user's own log is no place for a training run
                    .forEach(env::remove);
            env.put("HOME", scratch.toString());
            env.put("CLAUDEMESH_HOME", scratch.resolve(".claudemesh").toString());
            env.put(TRAINING_ENV, "1");
            env.putAll(extraEnv);
            OptionalInt exit = terminal != null
                    ? terminal.run(command, env, scratch, stderr, timeout)
                    : runPiped(command, env, scratch, stdin, stderr);
            if (exit.isEmpty()) {
                return Optional.of("the training run took longer than " + timeout.toSeconds() + " s");
            }
            if (!Files.isRegularFile(tmpJsa) || Files.size(tmpJsa) == 0) {
                return Optional.of(
                        "the training run (exit " + exit.getAsInt() + ") wrote no archive" + lastLine(stderr));
            }
            Files.setPosixFilePermissions(tmpJsa, ConfigFile.PRIVATE);
            Files.move(tmpJsa, jsa, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            deleteQuietly(tmpJsa);
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private OptionalInt runPiped(List<String> command, Map<String, String> env, Path dir, Path stdin, Path stderr)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(stdin.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    @Override
    public Optional<String> train(String java, Path jar, Path jsa) {
        return run(java, jar, jsa, TRAINING_ARGS, JvmCdsTrainer::payload);
    }

    /** The MCP server answering a client's first exchange (initialize, tools/list), then stdin closes. */
    @Override
    public Optional<String> trainMcp(String java, Path jar, Path jsa) {
        return run(java, jar, jsa, List.of("mcp"), scratch -> MCP_EXCHANGE);
    }

    /** A CLI command through picocli that needs no daemon (in the scratch home it reports none). */
    @Override
    public Optional<String> trainCli(String java, Path jar, Path jsa) {
        return run(java, jar, jsa, List.of("status"), scratch -> "");
    }

    /**
     * The supervisor, {@code claudemesh run}, in a terminal, its "claude" a program that prints one line and exits
     * ({@code /bin/echo}): pty4j, JNA, the terminal take-over, both pumps and the way out. Under the training
     * variable it starts no daemon (none runs in the scratch home), so its feed fails at once.
     */
    @Override
    public Optional<String> trainSupervisor(String java, Path jar, Path jsa) {
        if (terminal == null) {
            return Optional.of("no terminal to train it in");
        }
        if (!Files.isExecutable(Path.of(TRAINING_CHILD))) {
            return Optional.of(TRAINING_CHILD + " is missing");
        }
        return run(
                java,
                jar,
                jsa,
                JvmFlags.CLIENT, // the flags the launcher gives it
                List.of("run", "claudemesh start-up archive training"),
                scratch -> "",
                Map.of("CLAUDEMESH_CLAUDE_BIN", TRAINING_CHILD, "TERM", "xterm-256color"),
                terminal);
    }

    private static final String MCP_EXCHANGE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cds-training\","
            + "\"version\":\"1\"}}}\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

    private static String payload(Path scratch) {
        String dir = scratch.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"session_id\":\"00000000-0000-4000-8000-000000000000\",\"transcript_path\":\"" + dir
                + "/t.jsonl\",\"cwd\":\"" + dir + "\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false,"
                + "\"last_assistant_message\":\"ok\"}";
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return ": " + lines.get(i).strip();
                }
            }
        } catch (IOException ignored) {
            // no detail then
        }
        return "";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // litter at worst
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(JvmCdsTrainer::deleteQuietly);
        } catch (IOException ignored) {
            // litter in the temp folder at worst
        }
    }
}
