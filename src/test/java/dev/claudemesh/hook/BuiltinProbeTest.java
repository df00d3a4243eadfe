package dev.claudemesh.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.session.BuiltinMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook's view of Claude Code's own messaging, against the session file a real claude 2.1.332 wrote. */
class BuiltinProbeTest {
    static final String SOCKET = "/home/dev/tmp/cc-socks/11333.sock";

    @TempDir
    Path home;

    String fixture;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/claude-session-file-2.1.332.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        env.put("HOME", home.toString());
        env.put("CLAUDE_PID", "11333");
        env.put("CLAUDE_CODE_MESSAGING_SOCKET", SOCKET);
        env.put("CLAUDE_CODE_MESSAGING_TOKEN", "9799fcb7e568310077d5cbf0bd50aa65");
    }

    void sessionFile(Path configDir, String pid, String json) throws IOException {
        Files.createDirectories(configDir.resolve("sessions"));
        Files.writeString(configDir.resolve("sessions").resolve(pid + ".json"), json);
    }

    @Test
    void socket_and_token_in_the_environment_mean_on_and_the_session_file_gives_the_name() throws IOException {
        sessionFile(home.resolve(".claude"), "11333", fixture);
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.on("beta-04"));
    }

    @Test
    void without_socket_or_token_it_is_off() {
        env.remove("CLAUDE_CODE_MESSAGING_TOKEN");
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.OFF);
        assertThat(new BuiltinProbe(env).payloadFields()).isEqualTo(",\"builtin_messaging\":false");
    }

    @Test
    void a_session_file_for_another_socket_is_not_trusted() throws IOException {
        sessionFile(home.resolve(".claude"), "11333", fixture.replace("11333.sock", "999.sock"));
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.on(null));
    }

    @Test
    void a_missing_or_garbled_session_file_leaves_the_name_unknown() throws IOException {
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.on(null));
        sessionFile(home.resolve(".claude"), "11333", "{\"pid\":11333,\"name\":");
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.on(null));
        sessionFile(home.resolve(".claude"), "11333", fixture.replace("beta-04", "beta\\\"><x"));
        assertThat(new BuiltinProbe(env).probe()).isEqualTo(BuiltinMessaging.on(null));
    }

    @Test
    void claude_config_dir_is_followed_and_the_pid_comes_from_the_socket_without_claude_pid() throws IOException {
        Path config = home.resolve("cfg");
        sessionFile(config, "11333", fixture);
        env.put("CLAUDE_CONFIG_DIR", config.toString());
        env.remove("CLAUDE_PID");
        assertThat(new BuiltinProbe(env).probe().name()).isEqualTo("beta-04");
    }

    @Test
    void the_payload_carries_the_name_but_never_the_token() throws IOException {
        sessionFile(home.resolve(".claude"), "11333", fixture);
        String fields = new BuiltinProbe(env).payloadFields();
        assertThat(fields).isEqualTo(",\"builtin_messaging\":true,\"builtin_name\":\"beta-04\"");
        assertThat(new HookMain(env, System.out, System.err, new HookMain.Watchdog(1)).payload("{}"))
                .contains(fields)
                .doesNotContain("9799fcb7e568310077d5cbf0bd50aa65");
    }

    @Test
    void name_in_requires_the_same_pid_and_socket() {
        assertThat(BuiltinProbe.nameIn(fixture, 11333, SOCKET)).isEqualTo("beta-04");
        assertThat(BuiltinProbe.nameIn(fixture, 11334, SOCKET)).isNull();
        assertThat(BuiltinProbe.nameIn(fixture, 11333, "/tmp/other.sock")).isNull();
    }
}
