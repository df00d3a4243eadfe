package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    @TempDir
    Path tmp;

    InstallPaths paths;
    Path jar;
    StringWriter out = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        paths = InstallPaths.fromEnv(Map.of("HOME", tmp.toString()));
        jar = tmp.resolve("claudemesh.jar");
        Files.writeString(jar, "PK fake");
    }

    void install(CdsTrainer trainer) throws InstallException {
        new Installer(paths, new PrintWriter(out), trainer)
                .install(new Installer.Options(jar, "/usr/bin/java", false, true));
    }

    @Test
    void a_failed_training_run_is_reported_and_install_goes_on() throws Exception {
        install((java, j, jsa) -> Optional.of("the training run (exit 1) wrote no archive"));

        assertThat(out.toString()).contains("no startup archive: the training run (exit 1) wrote no archive");
        assertThat(paths.settingsFile()).exists();
        assertThat(paths.cdsArchive()).doesNotExist();
    }

    @Test
    void a_failed_supervisor_training_run_is_reported_and_the_hook_archive_stays() throws Exception {
        install(new CdsTrainer() {
            @Override
            public Optional<String> train(String java, Path j, Path jsa) {
                try {
                    Files.writeString(jsa, "archive");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Optional.empty();
            }

            @Override
            public Optional<String> trainSupervisor(String java, Path j, Path jsa) {
                return Optional.of("no terminal to train it in");
            }
        });

        assertThat(out.toString())
                .contains("startup archive made")
                .contains("no supervisor startup archive: no terminal to train it in");
        assertThat(paths.cdsArchive()).exists();
        assertThat(paths.supervisorCdsArchive()).doesNotExist();
    }

    @Test
    void the_archive_is_trained_for_the_installed_jar_and_only_once() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CdsTrainer trainer = (java, j, jsa) -> {
            runs.incrementAndGet();
            assertThat(java).isEqualTo("/usr/bin/java");
            assertThat(j).isEqualTo(paths.jar()).hasContent("PK fake");
            try {
                Files.writeString(jsa, "archive");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.empty();
        };

        install(trainer);
        install(trainer);

        assertThat(runs).hasValue(1);
        assertThat(out.toString()).contains("startup archive made");
    }

    @Test
    void a_file_changed_by_someone_else_meanwhile_is_not_overwritten() throws Exception {
        Files.createDirectories(paths.settingsFile().getParent());
        Files.writeString(paths.settingsFile(), "{\n  \"model\": \"opus\"\n}");
        CdsTrainer claudeWritesMeanwhile = (java, j, jsa) -> {
            try {
                Files.writeString(paths.settingsFile(), "{\n  \"model\": \"sonnet\"\n}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.of("skipped");
        };

        assertThatThrownBy(() -> install(claudeWritesMeanwhile))
                .isInstanceOf(InstallException.class)
                .hasMessage(paths.settingsFile() + " changed while claudemesh was updating it (is Claude Code"
                        + " writing it?); run the command again.");
        assertThat(paths.settingsFile()).hasContent("{\n  \"model\": \"sonnet\"\n}");
        assertThat(paths.claudeJson()).doesNotExist();
    }
}
