package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools' input schemas are valid JSON Schema, strict, and accept or refuse what the descriptions promise. */
class ToolSchemasTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    static MeshTool tool(String name) {
        return McpMain.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, Object> schema(MeshTool tool) throws Exception {
        return JSON.readValue(tool.inputSchema(), new TypeReference<HashMap<String, Object>>() {});
    }

    boolean accepts(String name, String argsJson) throws Exception {
        return validator
                .validate(schema(tool(name)), JSON.readValue(argsJson, Object.class))
                .valid();
    }

    @Test
    void every_schema_is_a_valid_strict_object_schema_with_described_properties() throws Exception {
        for (MeshTool t : McpMain.tools()) {
            assertThat(validator.validateSchema(schema(t)).valid()).as(t.name()).isTrue();
            JsonNode s = JSON.readTree(t.inputSchema());
            assertThat(s.path("type").asText()).as(t.name()).isEqualTo("object");
            assertThat(s.path("additionalProperties").asBoolean(true))
                    .as(t.name())
                    .isFalse();
            s.path("properties")
                    .fields()
                    .forEachRemaining(
                            p -> assertThat(p.getValue().path("description").asText())
                                    .as(t.name() + "." + p.getKey())
                                    .isNotBlank());
            assertThat(t.name()).matches("[a-z_]{1,64}");
        }
    }

    @Test
    void send_message_requires_to_and_body_and_knows_the_kinds() throws Exception {
        assertThat(accepts("send_message", "{\"to\":\"api\",\"body\":\"x\"}")).isTrue();
        assertThat(accepts(
                        "send_message",
                        "{\"to\":\"api\",\"body\":\"x\",\"kind\":\"note\",\"in_reply_to\":\"m_0123456789ab\"}"))
                .isTrue();
        assertThat(accepts("send_message", "{\"to\":\"api\"}")).isFalse();
        assertThat(accepts("send_message", "{\"to\":\"api\",\"body\":\"x\",\"kind\":\"urgent\"}"))
                .isFalse();
        assertThat(accepts("send_message", "{\"to\":\"api\",\"body\":\"x\",\"in_reply_to\":\"42\"}"))
                .isFalse();
        assertThat(accepts("send_message", "{\"to\":\"api\",\"body\":\"\"}")).isFalse();
    }

    @Test
    void history_tools_bound_their_numbers() throws Exception {
        assertThat(accepts("read_history", "{\"id\":\"api\",\"last_n_turns\":50}"))
                .isTrue();
        assertThat(accepts("read_history", "{\"id\":\"api\",\"last_n_turns\":51}"))
                .isFalse();
        assertThat(accepts("get_turn", "{\"id\":\"api\",\"turn_index\":0}")).isFalse();
        assertThat(accepts(
                        "search_history",
                        "{\"id\":\"a\",\"query\":\"q\",\"options\":{\"context_turns\":20,\"max_results\":200}}"))
                .isTrue();
        assertThat(accepts("search_history", "{\"id\":\"a\",\"query\":\"q\",\"options\":{\"context_turns\":21}}"))
                .isFalse();
        assertThat(accepts("search_history", "{\"id\":\"a\",\"query\":\"q\",\"options\":{\"fuzzy\":true}}"))
                .isFalse();
    }

    @Test
    void descriptions_tell_a_model_how_tasks_notes_and_replies_work() {
        String send = tool("send_message").description();
        assertThat(send).contains("task", "note", "in_reply_to", "not just acknowledge", "yourself");
        assertThat(tool("read_inbox").description()).contains("peeks", "drain");
        for (String name : List.of("read_history", "search_history", "get_turn")) {
            assertThat(tool(name).inputSchema()).contains("folder name");
        }
        assertThat(tool("send_message").inputSchema()).contains("folder name");
    }
}
