package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install from a package: the package's jar runs where it is and its archives follow package upgrades. */
class InPlaceInstallTest {
    @TempDir
    Path tmp;

    InstallPaths paths;
    Path jar;
    String java = "/opt/claudemesh/lib/runtime/bin/java";
    StringWriter out = new StringWriter();
    List<Path> trainedFor = new ArrayList<>();
    List<Path> supervisorTrainedFor = new ArrayList<>();

    CdsTrainer trainer = new CdsTrainer() {
        @Override
        public Optional<String> train(String javaPath, Path j, Path jsa) {
            trainedFor.add(j);
            return write(jsa);
        }

        @Override
        public Optional<String> trainMcp(String javaPath, Path j, Path jsa) {
            return write(jsa);
        }

        @Override
        public Optional<String> trainCli(String javaPath, Path j, Path jsa) {
            return write(jsa);
        }

        @Override
        public Optional<String> trainSupervisor(String javaPath, Path j, Path jsa) {
            supervisorTrainedFor.add(j);
            return write(jsa);
        }
    };

    static Optional<String> write(Path jsa) {
        try {
            Files.writeString(jsa, "archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    @BeforeEach
    void setUp() throws Exception {
        paths = InstallPaths.fromEnv(Map.of("HOME", tmp.resolve("home").toString()));
        jar = tmp.resolve("opt/claudemesh/lib/app/claudemesh.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "PK version 1");
    }

    void install() throws InstallException {
        new Installer(paths, new PrintWriter(out), trainer)
                .install(new Installer.Options(jar, java, false, true, true));
    }

    @Test
    void the_launcher_runs_the_packages_jar_where_it_is_and_copies_nothing() throws Exception {
        install();

        String script = Files.readString(paths.launcher());
        assertThat(LauncherScript.jarOf(script)).contains(jar);
        assertThat(script).endsWith("exec " + java + " \"$@\"\n");
        assertThat(paths.jar()).doesNotExist();
        assertThat(trainedFor).containsExactly(jar);
    }

    @Test
    void the_archives_are_trained_again_only_when_an_upgrade_changed_the_jar() throws Exception {
        install();
        install();
        assertThat(trainedFor).hasSize(1);

        Files.writeString(jar, "PK version 2, a bigger jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000L));
        install();

        assertThat(trainedFor).hasSize(2);
        assertThat(supervisorTrainedFor).containsExactly(jar, jar);
        assertThat(paths.cdsArchive()).exists();
        assertThat(paths.supervisorCdsArchive()).exists();
    }

    @Test
    void doctor_checks_the_packages_jar_and_calls_archives_of_an_older_jar_stale() throws Exception {
        install();
        assertThat(check("launcher").status()).isEqualTo(Check.Status.PRESENT);
        assertThat(check("startup archive").status()).isEqualTo(Check.Status.PRESENT);
        assertThat(check("supervisor archive").status()).isEqualTo(Check.Status.PRESENT);

        Files.writeString(jar, "PK version 2, upgraded by the package");

        assertThat(check("startup archive").status()).isEqualTo(Check.Status.STALE);
        assertThat(check("startup archive").detail()).contains("re-run `claudemesh install`");
        assertThat(check("supervisor archive").status()).isEqualTo(Check.Status.STALE);
    }

    @Test
    void a_jar_copy_left_by_a_source_install_is_removed() throws Exception {
        Path sourceJar = tmp.resolve("src/target/claudemesh.jar");
        Files.createDirectories(sourceJar.getParent());
        Files.writeString(sourceJar, "PK source build");
        new Installer(paths, new PrintWriter(out), trainer)
                .install(new Installer.Options(sourceJar, "/usr/bin/java", false, false));
        assertThat(paths.jar()).exists();

        install();

        assertThat(paths.jar()).doesNotExist();
        assertThat(out.toString()).contains("old jar copy removed");
    }

    @Test
    void uninstall_leaves_the_packages_jar_alone() throws Exception {
        install();

        new Installer(paths, new PrintWriter(out), trainer).uninstall(false);

        assertThat(jar).hasContent("PK version 1");
        assertThat(paths.launcher()).doesNotExist();
        assertThat(paths.archiveStamp()).doesNotExist();
    }

    Check check(String name) {
        return new InstallCheck(paths)
                .run().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
