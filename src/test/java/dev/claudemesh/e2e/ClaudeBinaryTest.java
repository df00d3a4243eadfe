package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeBinaryTest {

    @TempDir
    Path tmp;

    private Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void the_system_property_wins_over_the_environment() throws Exception {
        Path fromProperty = executable(tmp.resolve("a/claude"));
        Path fromEnv = executable(tmp.resolve("b/claude"));
        assertThat(ClaudeBinary.resolve(fromProperty.toString(), fromEnv.toString(), tmp.resolve("none")))
                .isEqualTo(fromProperty);
        assertThat(ClaudeBinary.resolve(null, fromEnv.toString(), tmp.resolve("none")))
                .isEqualTo(fromEnv);
    }

    @Test
    void the_default_is_the_test_cache_under_the_environments_home_not_the_accounts() throws Exception {
        Path cache = dev.claudemesh.support.TestCache.dir(java.util.Map.of("HOME", tmp.toString()), "/nonexistent");
        assertThat(cache).isEqualTo(tmp.resolve(".cache/claudemesh-test"));
        Path cached = executable(cache.resolve("npm/node_modules/.bin/claude"));
        assertThat(ClaudeBinary.resolve("", null, cached)).isEqualTo(cached);
    }

    @Test
    void the_test_cache_variable_wins_over_home() {
        assertThat(dev.claudemesh.support.TestCache.dir(
                        java.util.Map.of("HOME", "/h", "CLAUDEMESH_TEST_CACHE", tmp.toString()), "/u"))
                .isEqualTo(tmp);
        assertThat(dev.claudemesh.support.TestCache.dir(java.util.Map.of(), "/u"))
                .isEqualTo(Path.of("/u/.cache/claudemesh-test"));
    }

    @Test
    void a_missing_binary_fails_with_the_install_command() {
        assertThatThrownBy(() -> ClaudeBinary.resolve(null, null, tmp.resolve("missing/claude")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(".ci/install-test-deps")
                .hasMessageContaining(ClaudeBinary.PINNED_VERSION);
    }
}
