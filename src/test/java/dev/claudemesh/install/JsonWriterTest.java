package dev.claudemesh.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonWriterTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "corner-indent2.json",
                "corner-indent4-newline.json",
                "corner-tab.json",
                "corner-compact.json",
                "settings-others.json",
                "settings-foreign-statusline.json",
                "claude-others.json"
            })
    void rewriting_node_stringify_output_gives_the_same_bytes(String fixture) throws Exception {
        String text = Fixtures.text(fixture);

        String rewritten = JsonWriter.write(JsonReader.parse(fixture, text), JsonStyle.of(text));

        assertThat(rewritten).isEqualTo(text);
    }

    @Test
    void style_is_detected_from_indent_and_trailing_newline() {
        assertThat(JsonStyle.of(Fixtures.text("corner-indent2.json"))).isEqualTo(new JsonStyle("  ", ""));
        assertThat(JsonStyle.of(Fixtures.text("corner-indent4-newline.json"))).isEqualTo(new JsonStyle("    ", "\n"));
        assertThat(JsonStyle.of(Fixtures.text("corner-tab.json"))).isEqualTo(new JsonStyle("\t", ""));
        assertThat(JsonStyle.of(Fixtures.text("corner-compact.json"))).isEqualTo(new JsonStyle("", ""));
        assertThat(JsonStyle.of("{}\n")).isEqualTo(JsonStyle.CLAUDE);
        assertThat(JsonStyle.of("")).isEqualTo(JsonStyle.CLAUDE);
    }

    @Test
    void strings_are_escaped_as_javascript_does() {
        StringBuilder out = new StringBuilder();

        JsonWriter.string(out, "q\" b\\ \u0001 \u001f \u007f \u2028 é 😀 \ud800 /");

        assertThat(out).hasToString("\"q\\\" b\\\\ \\u0001 \\u001f \u007f \u2028 é 😀 \\ud800 /\"");
    }

    @Test
    void numbers_keep_their_written_form() throws Exception {
        JsonNode node = JsonReader.parse("t", "[1.0, 1e3, -0.50, 12345678901234567890, 7]");

        assertThat(JsonWriter.write(node, new JsonStyle("", ""))).isEqualTo("[1.0,1e3,-0.50,12345678901234567890,7]");
    }

    @Test
    void a_duplicate_key_keeps_its_first_place_and_last_value_like_json_parse() throws Exception {
        ObjectNode node = JsonReader.parseObject("t", "{\"a\": 1, \"b\": 2, \"a\": 3}");

        assertThat(JsonWriter.write(node, new JsonStyle("", ""))).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void malformed_json_names_the_file_and_the_position() {
        assertThatThrownBy(() -> JsonReader.parseObject("/x/settings.json", "{\n  \"a\": 1,\n  }\n"))
                .isInstanceOf(InstallException.class)
                .hasMessageStartingWith("/x/settings.json is not valid JSON at line 3, column 3")
                .hasMessageEndingWith("(nothing was changed).");
    }

    @Test
    void a_root_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> JsonReader.parseObject("/x/a.json", "[1]"))
                .hasMessage("/x/a.json must hold a JSON object, but it holds a list.");
    }

    @Test
    void content_after_the_value_is_refused() {
        assertThatThrownBy(() -> JsonReader.parseObject("/x/a.json", "{} {}"))
                .hasMessageContaining("/x/a.json is not valid JSON at line 1");
    }

    @Test
    void bytes_that_are_not_utf8_are_refused() {
        assertThatThrownBy(() -> JsonReader.decode("/x/a.json", new byte[] {'{', (byte) 0xff, '}'}))
                .hasMessageStartingWith("/x/a.json is not UTF-8 text");
    }
}
