package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeAnthropicApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN_TURN = "{\"model\":\"m\",\"stream\":true,\"tools\":[{\"name\":\"Bash\"}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>x</system-reminder>\"},"
            + "{\"type\":\"text\",\"text\":\"hello there\"}]},{\"role\":\"system\",\"content\":\"env context\"}]}";

    private final FakeAnthropicApi api = FakeAnthropicApi.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }

    @Test
    void streams_a_text_reply_as_the_real_api_does() throws Exception {
        api.enqueue(Reply.text("scripted"));
        HttpResponse<String> response = post("/v1/messages?beta=true", MAIN_TURN);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> events = events(response.body());
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(events.get(2).path("delta").path("text").asText()).isEqualTo("scripted");
        assertThat(events.get(4).path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(response.body()).contains("event: message_start\ndata: ");
    }

    @Test
    void streams_a_tool_call_as_input_json_deltas() throws Exception {
        api.enqueue(Reply.toolUse("mcp__claudemesh__list_instances", "{\"folder\":\"/some/long/path/to/a/project\"}"));
        List<JsonNode> events = events(post("/v1/messages", MAIN_TURN).body());
        JsonNode block = events.get(1).path("content_block");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("name").asText()).isEqualTo("mcp__claudemesh__list_instances");
        StringBuilder input = new StringBuilder();
        events.stream()
                .filter(e -> e.path("delta").path("type").asText().equals("input_json_delta"))
                .forEach(e -> input.append(e.path("delta").path("partial_json").asText()));
        assertThat(JSON.readTree(input.toString()).path("folder").asText()).isEqualTo("/some/long/path/to/a/project");
        assertThat(events.get(events.size() - 2)
                        .path("delta")
                        .path("stop_reason")
                        .asText())
                .isEqualTo("tool_use");
    }

    @Test
    void answers_non_streaming_requests_with_one_message() throws Exception {
        api.respondWith(Responder.text("a title"));
        JsonNode message = JSON.readTree(
                post("/v1/messages", "{\"model\":\"m\",\"messages\":[]}").body());
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("a title");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void queued_replies_go_to_main_requests_only() throws Exception {
        api.enqueue(Reply.text("for the main turn"));
        String side = post("/v1/messages", "{\"stream\":true,\"messages\":[]}").body();
        String main = post("/v1/messages", MAIN_TURN).body();
        assertThat(side).contains("\"ok\"");
        assertThat(main).contains("for the main turn");
        assertThat(api.mainRequests()).hasSize(1);
    }

    @Test
    void other_endpoints_are_answered_harmlessly() throws Exception {
        assertThat(post("/v1/messages/count_tokens", MAIN_TURN).body()).contains("input_tokens");
        HttpResponse<Void> hello = http.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/hello"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(api.requests()).extracting(RecordedRequest::path).contains("/api/hello");
    }

    @Test
    void recorded_requests_expose_the_turn_text() throws Exception {
        post("/v1/messages?beta=true", MAIN_TURN);
        RecordedRequest request = api.awaitMainRequestContaining("hello there", Duration.ofSeconds(5));
        assertThat(request.query()).isEqualTo("beta=true");
        assertThat(request.promptText()).isEqualTo("hello there");
        assertThat(request.lastTurnText()).contains("hello there").contains("env context");
    }

    @Test
    void a_hold_delays_the_reply_until_released() throws Exception {
        Hold hold = Hold.then(Reply.text("finally"));
        api.enqueue(Reply.hold(hold));
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString(MAIN_TURN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hold.awaitHeld(Duration.ofSeconds(5)).promptText()).isEqualTo("hello there");
        Thread.sleep(300);
        assertThat(response).isNotDone();
        assertThat(hold.isHolding()).isTrue();
        hold.release();
        assertThat(response.get().body()).contains("finally").contains("message_stop");
    }

    @Test
    void waiting_for_a_request_that_never_comes_lists_what_arrived() throws Exception {
        post("/v1/messages", MAIN_TURN);
        assertThatThrownBy(() -> api.awaitMainRequestContaining("never sent", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("#0 POST /v1/messages [main]");
    }
}
