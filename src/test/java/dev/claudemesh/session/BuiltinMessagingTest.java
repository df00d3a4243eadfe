package dev.claudemesh.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinMessagingTest {
    @Test
    void names_like_claudes_derived_and_renamed_ones_are_valid() {
        assertThat(BuiltinMessaging.isValidName("beta-6b")).isTrue();
        assertThat(BuiltinMessaging.isValidName("my api v2.1_x")).isTrue();
        assertThat(BuiltinMessaging.isValidName("zürich-01")).isTrue();
    }

    @Test
    void names_with_markup_control_characters_or_excess_length_are_refused() {
        assertThat(BuiltinMessaging.isValidName("a\"><b")).isFalse();
        assertThat(BuiltinMessaging.isValidName("a\nb")).isFalse();
        assertThat(BuiltinMessaging.isValidName(" ")).isFalse();
        assertThat(BuiltinMessaging.isValidName("x".repeat(65))).isFalse();
        assertThatThrownBy(() -> BuiltinMessaging.on("<x>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("builtin_name");
    }

    @Test
    void a_name_without_messaging_on_is_refused() {
        assertThatThrownBy(() -> new BuiltinMessaging(false, "beta-6b")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void it_is_seen_only_when_claude_gave_both_socket_and_token() {
        assertThat(BuiltinMessaging.seenIn(Map.of(
                        "CLAUDE_CODE_MESSAGING_SOCKET", "/tmp/cc-socks/1.sock", "CLAUDE_CODE_MESSAGING_TOKEN", "ab")))
                .isTrue();
        assertThat(BuiltinMessaging.seenIn(Map.of("CLAUDE_CODE_MESSAGING_SOCKET", "/tmp/cc-socks/1.sock")))
                .isFalse();
        assertThat(BuiltinMessaging.seenIn(Map.of())).isFalse();
    }
}
