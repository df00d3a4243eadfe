package dev.claudemesh.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.Version;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.support.OldDaemon;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionMismatchIT {
    @TempDir
    Path dir;

    @Test
    void a_client_that_finds_a_daemon_of_another_version_stops_it_and_starts_its_own() throws Exception {
        Process old = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OldDaemon.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        DaemonClient c = null;
        try {
            String ready = new BufferedReader(new InputStreamReader(old.getInputStream())).readLine();
            assertThat(ready).isEqualTo("ready");
            c = new DaemonStarter(new MeshHome(dir)).connect(true);
            assertThat(old.waitFor(5, TimeUnit.SECONDS))
                    .as("the old daemon was told to stop")
                    .isTrue();
            assertThat(c.get("/v1/health").path("version").asText()).isEqualTo(Version.current());
            assertThat(c.state().pid()).isNotEqualTo(old.pid());
        } finally {
            old.destroyForcibly();
            if (c != null) {
                c.post("/v1/shutdown", null);
            }
        }
    }
}
