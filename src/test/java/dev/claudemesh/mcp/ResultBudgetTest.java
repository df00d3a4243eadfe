package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ResultBudgetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final ResultBudget budget = new ResultBudget(JSON, 1_000);

    static ObjectNode turn(int index, String... texts) {
        ObjectNode t = JSON.createObjectNode().put("index", index);
        ArrayNode entries = t.putArray("entries");
        for (String text : texts) {
            entries.addObject().put("role", "user").put("text", text);
        }
        return t;
    }

    @Test
    void the_oldest_turns_are_left_out_until_the_rest_fits() {
        ArrayNode turns = JSON.createArrayNode();
        for (int i = 1; i <= 10; i++) {
            turns.add(turn(i, "x".repeat(200)));
        }
        ResultBudget.TurnsFit fit = budget.fitTurns(turns);
        assertThat(fit.dropped()).isEqualTo(7); // each turn is 251 characters of JSON
        assertThat(fit.cut()).isFalse();
        assertThat(turns.get(0).path("index").asInt()).isEqualTo(8);
        assertThat(turns.toString().length()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void one_turn_too_big_has_its_longest_entries_cut_to_a_common_length() {
        ObjectNode t = turn(1, "short prompt", "a".repeat(5_000), "b".repeat(3_000));
        assertThat(budget.fitTurn(t)).isTrue();
        assertThat(t.toString().length()).isLessThanOrEqualTo(1_000);
        assertThat(t.path("entries").get(0).path("text").asText()).isEqualTo("short prompt");
        String a = t.path("entries").get(1).path("text").asText();
        String b = t.path("entries").get(2).path("text").asText();
        assertThat(a).startsWith("aaaa").contains("…[cut to fit the result size;");
        assertThat(a.indexOf('…')).isEqualTo(b.indexOf('…'));
    }

    @Test
    void a_cut_never_splits_a_surrogate_pair() {
        ObjectNode t = turn(1, "😀".repeat(2_000));
        budget.fitTurn(t);
        String text = t.path("entries").get(0).path("text").asText();
        String kept = text.substring(0, text.indexOf('…'));
        assertThat(kept.codePoints().allMatch(c -> c == 0x1F600)).isTrue();
    }

    @Test
    void the_latest_hits_are_left_out_until_the_rest_fits() {
        ArrayNode hits = JSON.createArrayNode();
        for (int i = 1; i <= 20; i++) {
            hits.addObject().put("turn_index", i).put("snippet", "y".repeat(100));
        }
        int dropped = budget.fitHits(hits);
        assertThat(dropped).isPositive();
        assertThat(hits.get(0).path("turn_index").asInt()).isEqualTo(1);
        assertThat(hits.toString().length()).isLessThanOrEqualTo(1_000);
        assertThat(hits.size() + dropped).isEqualTo(20);
    }
}
