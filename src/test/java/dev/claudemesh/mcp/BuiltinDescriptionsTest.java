package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.mesh.BuiltinGuidance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MCP tools speak of Claude Code's own messaging only when it is on for the session. */
class BuiltinDescriptionsTest {
    static MeshTool tool(List<MeshTool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void with_the_builtin_on_send_message_and_list_instances_say_which_to_use_for_what() {
        List<MeshTool> on = McpMain.tools(true);
        assertThat(tool(on, "send_message").description())
                .endsWith(BuiltinGuidance.SEND_MESSAGE)
                .contains("never both");
        assertThat(tool(on, "list_instances").description()).endsWith(BuiltinGuidance.LIST_INSTANCES);
    }

    @Test
    void with_the_builtin_off_no_tool_mentions_it() {
        for (MeshTool t : McpMain.tools(false)) {
            assertThat(t.description())
                    .as(t.name())
                    .doesNotContain("SendMessage")
                    .doesNotContain("builtin");
        }
    }

    @Test
    void the_guidance_is_short() {
        assertThat(BuiltinGuidance.BOTH.length()).isLessThan(400);
        assertThat(BuiltinGuidance.SEND_MESSAGE.length()).isLessThan(300);
    }
}
