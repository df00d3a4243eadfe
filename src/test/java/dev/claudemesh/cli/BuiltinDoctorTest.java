package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinDoctorTest {
    static final int[] V332 = {2, 1, 332};

    @TempDir
    Path dir;

    @Test
    void a_claude_older_than_2_1_224_has_no_builtin_messaging() {
        assertThat(BuiltinDoctor.line(new int[] {2, 1, 197}, Map.of(), dir.resolve("settings.json")))
                .contains("not in this claude")
                .contains("2.1.224");
    }

    @Test
    void a_current_claude_has_it_and_doctor_inside_a_session_says_whether_it_is_on_there() {
        Path settings = dir.resolve("settings.json");
        Map<String, String> inSession = Map.of(
                "CLAUDECODE", "1",
                "CLAUDE_CODE_MESSAGING_SOCKET", "/tmp/cc-socks/1.sock",
                "CLAUDE_CODE_MESSAGING_TOKEN", "ab12");
        assertThat(BuiltinDoctor.line(V332, inSession, settings))
                .contains("available in this claude")
                .endsWith("on in this session");
        assertThat(BuiltinDoctor.line(V332, Map.of("CLAUDECODE", "1"), settings))
                .contains("off in this session");
        assertThat(BuiltinDoctor.line(V332, Map.of(), settings)).contains("claudemesh list shows");
    }

    @Test
    void cross_session_inbound_refuse_or_hold_in_the_user_settings_is_reported() throws Exception {
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"crossSessionInbound\": \"refuse\"}");
        assertThat(BuiltinDoctor.line(V332, Map.of(), settings))
                .contains("\"refuse\"")
                .contains(settings.toString());
        Files.writeString(settings, "{\"crossSessionInbound\": \"hold\"}");
        assertThat(BuiltinDoctor.line(V332, Map.of(), settings)).contains("held for your approval");
        Files.writeString(settings, "{not json");
        assertThat(BuiltinDoctor.inbound(settings)).isEqualTo("accept");
    }
}
