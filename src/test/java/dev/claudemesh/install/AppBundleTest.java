package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppBundleTest {
    @TempDir
    Path tmp;

    Path file(String relative, boolean executable) throws Exception {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        if (executable) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return p;
    }

    @Test
    void a_jar_in_lib_app_run_by_the_java_of_lib_runtime_is_a_bundle() throws Exception {
        Path jar = file("opt/claudemesh/lib/app/claudemesh.jar", false);
        Path java = file("opt/claudemesh/lib/runtime/bin/java", true);

        AppBundle bundle = AppBundle.of(jar, java).orElseThrow();

        assertThat(bundle.root()).isEqualTo(tmp.resolve("opt/claudemesh"));
        assertThat(bundle.launcher()).isEqualTo(tmp.resolve("opt/claudemesh/bin/claudemesh"));
    }

    @Test
    void the_bundled_jar_run_by_another_java_is_not_a_bundle() throws Exception {
        Path jar = file("opt/claudemesh/lib/app/claudemesh.jar", false);
        file("opt/claudemesh/lib/runtime/bin/java", true);
        Path otherJava = file("usr/lib/jvm/jdk/bin/java", true);

        assertThat(AppBundle.of(jar, otherJava)).isEmpty();
    }

    @Test
    void a_source_build_jar_is_not_a_bundle() throws Exception {
        Path jar = file("src/claudemesh/target/claudemesh.jar", false);
        Path java = file("src/claudemesh/target/runtime/bin/java", true);

        assertThat(AppBundle.of(jar, java)).isEmpty();
        assertThat(AppBundle.of(null, java)).isEmpty();
    }

    @Test
    void a_runtime_without_an_executable_java_is_not_a_bundle() throws Exception {
        Path jar = file("opt/claudemesh/lib/app/claudemesh.jar", false);
        Path java = file("opt/claudemesh/lib/runtime/bin/java", false);

        assertThat(AppBundle.of(jar, java)).isEmpty();
    }

    @Test
    void the_current_java_is_this_jvms_own_executable() {
        assertThat(Path.of(AppBundle.currentJava()))
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"))
                .isExecutable();
    }
}
