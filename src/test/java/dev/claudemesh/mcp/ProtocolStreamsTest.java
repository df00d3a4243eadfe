package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stdin filtering and stdout line discipline of the MCP server. */
class ProtocolStreamsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(String passed, List<JsonNode> answers) {}

    static Run filter(String input) throws Exception {
        ByteArrayOutputStream real = new ByteArrayOutputStream();
        ProtocolOutput out = new ProtocolOutput(real);
        ProtocolInput in =
                new ProtocolInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, JSON, 100);
        String passed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<JsonNode> answers = real.toString(StandardCharsets.UTF_8)
                .lines()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError("not JSON on stdout: " + l, e);
                    }
                })
                .toList();
        return new Run(passed, answers);
    }

    @Test
    void valid_messages_pass_through_line_by_line_and_blank_lines_are_skipped() throws Exception {
        String a = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        String b = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
        Run r = filter(a + "\n\n  \n" + b + "\r\n");
        assertThat(r.passed()).isEqualTo(a + "\n" + b + "\r\n");
        assertThat(r.answers()).isEmpty();
    }

    @Test
    void garbage_is_answered_with_a_parse_error_and_dropped() throws Exception {
        Run r = filter("hello\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        assertThat(r.passed()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
        assertThat(r.answers()).singleElement().satisfies(e -> {
            assertThat(e.path("error").path("code").asInt()).isEqualTo(-32700);
            assertThat(e.path("id").isNull()).isTrue();
        });
    }

    @Test
    void json_that_is_not_a_json_rpc_message_is_an_invalid_request_with_its_id() throws Exception {
        Run r = filter("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"m\",\"params\":5}\n"
                + "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"m\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"m\"}\n"
                + "{\"jsonrpc\":\"2.0\"}\n"
                + "[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"m\"}]\n");
        assertThat(r.passed()).isEmpty();
        assertThat(r.answers())
                .hasSize(5)
                .allSatisfy(
                        e -> assertThat(e.path("error").path("code").asInt()).isEqualTo(-32600));
        assertThat(r.answers().get(0).path("id").asText()).isEqualTo("x");
        assertThat(r.answers().get(1).path("id").asInt()).isEqualTo(3);
        assertThat(r.answers().get(2).path("id").isNull()).isTrue();
    }

    @Test
    void a_line_over_the_limit_is_refused_without_holding_it_and_the_next_line_passes() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":\""
                + "y".repeat(ProtocolInput.MAX_LINE_BYTES) + "\"}}";
        String next = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        Run r = filter(huge + "\n" + next + "\n");
        assertThat(r.passed()).isEqualTo(next + "\n");
        assertThat(r.answers())
                .singleElement()
                .satisfies(e ->
                        assertThat(e.path("error").path("message").asText()).contains("longer than"));
    }

    @Test
    void a_last_line_without_newline_still_counts() throws Exception {
        Run r = filter("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(r.passed()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
    }

    @Test
    void the_end_of_input_waits_until_every_request_was_answered() throws Exception {
        ByteArrayOutputStream real = new ByteArrayOutputStream();
        ProtocolOutput out = new ProtocolOutput(real);
        byte[] request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
        InputStream raw = new ByteArrayInputStream(request);
        ProtocolInput in = new ProtocolInput(raw, out, JSON, 5_000);
        assertThat(in.readNBytes(request.length)).isEqualTo(request);
        Thread answer = new Thread(() -> {
            try {
                Thread.sleep(300);
                out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        answer.start();
        assertThat(in.read()).isEqualTo(-1);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 4_000L);
        assertThat(in.ended()).isTrue();
    }

    @Test
    void output_leaves_only_in_whole_lines_even_when_written_in_pieces() throws Exception {
        ByteArrayOutputStream real = new ByteArrayOutputStream();
        ProtocolOutput out = new ProtocolOutput(real);
        out.write("{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(real.size()).isZero();
        out.writeLine("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{}}".getBytes(StandardCharsets.UTF_8));
        out.write("\"id\":1,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(real.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{}}\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
        assertThat(out.awaitResponses(1, 10)).isTrue();
        assertThat(out.awaitResponses(2, 10)).isFalse();
    }
}
