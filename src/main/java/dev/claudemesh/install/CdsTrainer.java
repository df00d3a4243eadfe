package dev.claudemesh.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Makes the class-data-sharing archive for the installed jar. */
@FunctionalInterface
public interface CdsTrainer {
    /** Set in the training run's environment so the hook can tell it is not serving a real claude. */
    String TRAINING_ENV = "CLAUDEMESH_CDS_TRAINING";

    /** Writes {@code jsa} for {@code jar} run by {@code java}; returns why it could not, or empty on success. */
    Optional<String> train(String java, Path jar, Path jsa);

    /**
     * Writes the MCP server's archive ({@code claudemesh mcp} answering initialize and tools/list); returns
     * why it could not, or empty on success. Trainers that only know the hook path make none.
     */
    default Optional<String> trainMcp(String java, Path jar, Path jsa) {
        return Optional.of("this trainer makes no MCP archive");
    }

    /** Writes the archive of the other commands (picocli's path); empty on success. */
    default Optional<String> trainCli(String java, Path jar, Path jsa) {
        return Optional.of("this trainer makes no CLI archive");
    }

    /**
     * Writes the supervisor's archive ({@code claudemesh [claude args]} in a terminal); empty on success. Trainers
     * without a terminal make none.
     */
    default Optional<String> trainSupervisor(String java, Path jar, Path jsa) {
        return Optional.of("this trainer makes no supervisor archive");
    }

    /** The real thing: training runs in child JVMs, each bounded by {@code timeout}; no supervisor archive. */
    static CdsTrainer jvm(Duration timeout) {
        return new JvmCdsTrainer(timeout, null);
    }

    /** As {@link #jvm(Duration)}, plus the supervisor's archive, trained in a terminal {@code terminal} opens. */
    static CdsTrainer jvm(Duration timeout, TerminalRunner terminal) {
        return new JvmCdsTrainer(timeout, Objects.requireNonNull(terminal));
    }
}
