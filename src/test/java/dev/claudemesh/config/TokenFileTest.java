package dev.claudemesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    @TempDir
    Path tmp;

    static String mode(Path f) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    @Test
    void a_token_file_of_non_ascii_bytes_is_an_error_naming_the_file_and_the_fix() throws Exception {
        Path f = tmp.resolve("token");
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 0xC3);
        Files.write(f, junk);

        assertThatThrownBy(() -> Token.readChecked(f))
                .isInstanceOf(Token.TokenFileException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("delete the file");
        assertThat(Token.read(f)).isNull();
    }

    @Test
    void a_token_file_readable_by_others_is_tightened_to_0600_when_read() throws Exception {
        Path f = tmp.resolve("token");
        Files.writeString(f, "cd".repeat(32));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(Token.read(f)).isEqualTo("cd".repeat(32));
        assertThat(mode(f)).isEqualTo("rw-------");
    }

    @Test
    void a_daemon_replaces_a_damaged_token_and_tightens_a_loose_one_at_start() throws Exception {
        Path dir = tmp.resolve("mesh");
        Files.createDirectories(dir);
        Files.write(dir.resolve("token"), new byte[] {(byte) 0xff, (byte) 0xfe, 1, 2});
        try (TestDaemon d = TestDaemon.start(dir)) {
            assertThat(d.token).matches("[0-9a-f]{64}");
            assertThat(mode(d.home.tokenFile())).isEqualTo("rw-------");
        }
        Files.setPosixFilePermissions(dir.resolve("token"), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (TestDaemon d = TestDaemon.start(dir)) {
            assertThat(mode(d.home.tokenFile())).isEqualTo("rw-------");
        }
    }

    @Test
    void a_token_file_deleted_while_the_daemon_runs_is_written_back_and_clients_keep_working() throws Exception {
        try (TestDaemon d = TestDaemon.start(tmp.resolve("mesh"))) {
            Files.delete(d.home.tokenFile());

            assertThat(new DaemonStarter(d.home)
                            .connect(false)
                            .health()
                            .path("status")
                            .asText())
                    .isEqualTo("ok");
            await().atMost(Duration.ofSeconds(20)).until(() -> d.token.equals(Token.read(d.home.tokenFile())));
        }
    }

    @Test
    void a_token_file_damaged_while_the_daemon_runs_is_written_back() throws Exception {
        try (TestDaemon d = TestDaemon.start(tmp.resolve("mesh"))) {
            Files.write(d.home.tokenFile(), new byte[64]);

            assertThat(new DaemonStarter(d.home)
                            .connect(false)
                            .health()
                            .path("status")
                            .asText())
                    .isEqualTo("ok");
            assertThat(Token.read(d.home.tokenFile())).isEqualTo(d.token);
        }
    }
}
