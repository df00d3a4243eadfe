package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookPathChooserTest {
    @TempDir
    Path tmp;

    private Path fakeCurl(String versionLine) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void auto_picks_the_thin_path_with_a_new_enough_curl_on_path() throws Exception {
        Path bin = fakeCurl("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1");
        HookPath p = HookPathChooser.choose("auto", Map.of("PATH", bin.toString()));
        assertThat(p.kind()).isEqualTo(HookPath.Kind.THIN);
        assertThat(p.curl()).isEqualTo(bin.resolve("curl").toString());
    }

    @Test
    void auto_falls_back_to_the_jvm_with_an_old_curl_or_none_and_says_why() throws Exception {
        Path bin = fakeCurl("curl 7.74.0 (x86_64-pc-linux-gnu)");
        HookPath old = HookPathChooser.choose("auto", Map.of("PATH", bin.toString()));
        assertThat(old.kind()).isEqualTo(HookPath.Kind.JVM);
        assertThat(old.why()).contains("7.74.0").contains("7.84");
        HookPath none = HookPathChooser.choose(
                "auto", Map.of("PATH", tmp.resolve("empty").toString()));
        assertThat(none.kind()).isEqualTo(HookPath.Kind.JVM);
        assertThat(none.why()).isEqualTo("no curl on PATH");
    }

    @Test
    void thin_insists_and_fails_with_the_reason_while_jvm_forces_the_fallback() throws Exception {
        assertThatThrownBy(() -> HookPathChooser.choose("thin", Map.of("PATH", tmp.toString())))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("no curl on PATH");
        Path bin = fakeCurl("curl 8.5.0 (x86_64-pc-linux-gnu)");
        assertThat(HookPathChooser.choose("jvm", Map.of("PATH", bin.toString())).kind())
                .isEqualTo(HookPath.Kind.JVM);
        assertThatThrownBy(() -> HookPathChooser.choose("fast", Map.of()))
                .hasMessageContaining("--hooks must be auto, thin or jvm");
    }

    @Test
    void versions_compare_part_by_part() {
        assertThat(HookPathChooser.atLeast("7.84.0", HookPathChooser.MIN_CURL)).isTrue();
        assertThat(HookPathChooser.atLeast("7.100.0", HookPathChooser.MIN_CURL)).isTrue();
        assertThat(HookPathChooser.atLeast("8.0.0", HookPathChooser.MIN_CURL)).isTrue();
        assertThat(HookPathChooser.atLeast("7.83.9", HookPathChooser.MIN_CURL)).isFalse();
    }
}
