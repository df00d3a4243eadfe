package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps transcript tool results within what a model can take in one result: Claude Code refuses MCP results over
 * about 25,000 tokens, so a result is held to {@link #MAX_CHARS} characters of JSON (roughly 15,000-20,000 tokens). What
 * does not fit is left out with a note saying how to get it (fewer turns, get_turn, a narrower search).
 */
final class ResultBudget {
    static final int MAX_CHARS = 60_000;
    private static final String CUT = "…[cut to fit the result size; %d more characters]";

    private final ObjectMapper json;
    private final int maxChars;

    ResultBudget(ObjectMapper json, int maxChars) {
        this.json = json;
        this.maxChars = maxChars;
    }

    /** What fitting turns did: how many of the oldest were left out, and whether the one left was cut. */
    record TurnsFit(int dropped, boolean cut) {}

    /** Drops the oldest turns until the rest fits; if the newest turn alone is too big its entries are cut. */
    TurnsFit fitTurns(ArrayNode turns) {
        long total = 2;
        int[] sizes = new int[turns.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = size(turns.get(i)) + 1;
            total += sizes[i];
        }
        int dropped = 0;
        while (turns.size() > 1 && total > maxChars) {
            total -= sizes[dropped];
            turns.remove(0);
            dropped++;
        }
        boolean cut = turns.size() == 1 && fitTurn((ObjectNode) turns.get(0));
        return new TurnsFit(dropped, cut);
    }

    /**
     * Cuts the longest entry texts of one turn (to a common length, keeping each text's beginning) until the turn
     * fits.
     *
     * @return whether anything was cut
     */
    boolean fitTurn(ObjectNode turn) {
        if (size(turn) <= maxChars) {
            return false;
        }
        ArrayNode entries = (ArrayNode) turn.path("entries");
        int longest = 0;
        for (JsonNode e : entries) {
            longest = Math.max(longest, e.path("text").asText().length());
        }
        int lo = 0;
        int hi = longest;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (size(cutCopy(turn, mid)) <= maxChars) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        ObjectNode cut = cutCopy(turn, lo);
        turn.set("entries", cut.path("entries"));
        return true;
    }

    /**
     * Drops the latest hits until the rest fits.
     *
     * @return how many hits were left out
     */
    int fitHits(ArrayNode hits) {
        long total = 2;
        int[] sizes = new int[hits.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = size(hits.get(i)) + 1;
            total += sizes[i];
        }
        int dropped = 0;
        while (hits.size() > 1 && total > maxChars) {
            total -= sizes[hits.size() - 1];
            hits.remove(hits.size() - 1);
            dropped++;
        }
        return dropped;
    }

    private ObjectNode cutCopy(ObjectNode turn, int cap) {
        ObjectNode copy = turn.deepCopy();
        for (JsonNode e : copy.path("entries")) {
            String text = e.path("text").asText();
            if (text.length() > cap) {
                int end = cap > 0 && Character.isHighSurrogate(text.charAt(cap - 1)) ? cap - 1 : cap;
                ((ObjectNode) e).put("text", text.substring(0, end) + String.format(CUT, text.length() - end));
            }
        }
        return copy;
    }

    private int size(JsonNode node) {
        try {
            return json.writeValueAsString(node).length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
