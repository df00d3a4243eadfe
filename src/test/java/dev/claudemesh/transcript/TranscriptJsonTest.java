package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptJsonTest {
    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void turns_serialize_with_lower_case_roles_and_iso_timestamps_and_read_back() throws Exception {
        Turn turn = new Turn(
                3,
                Instant.parse("2026-01-01T00:00:01Z"),
                List.of(
                        new TurnEntry(EntryRole.USER, Instant.parse("2026-01-01T00:00:01Z"), null, "hi"),
                        new TurnEntry(EntryRole.TOOL_RESULT, null, "Bash", "out")));
        TranscriptHistory history = new TranscriptHistory(3, List.of(turn), true);

        String json = mapper.writeValueAsString(history);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.at("/turns/0/startedAt").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(tree.at("/turns/0/entries/1/role").asText()).isEqualTo("tool_result");
        assertThat(tree.at("/turns/0/entries/0").has("name")).isFalse();
        assertThat(mapper.readValue(json, TranscriptHistory.class)).isEqualTo(history);
    }

    @Test
    void search_results_serialize_for_the_wire() throws Exception {
        SearchHit hit = new SearchHit(
                2,
                EntryRole.ASSISTANT,
                null,
                Instant.parse("2026-01-01T00:00:02Z"),
                "…the match…",
                List.of(new TurnSummary(1, null, "first prompt")));
        SearchResult result = new SearchResult(List.of(hit), false, true, 7, 1234, 5);

        JsonNode tree = mapper.readTree(mapper.writeValueAsString(result));

        assertThat(tree.at("/hits/0/role").asText()).isEqualTo("assistant");
        assertThat(tree.at("/hits/0/context/0/prompt").asText()).isEqualTo("first prompt");
        assertThat(tree.at("/reachedTimeBudget").asBoolean()).isTrue();
        assertThat(mapper.readValue(mapper.writeValueAsString(result), SearchResult.class))
                .isEqualTo(result);
    }
}
