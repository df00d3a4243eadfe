package dev.claudemesh.install;

import java.nio.file.Path;
import java.time.Duration;
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

    /** The real thing: a training run of the hook path in a child JVM, bounded by {@code timeout}. */
    static CdsTrainer jvm(Duration timeout) {
        return new JvmCdsTrainer(timeout);
    }
}
