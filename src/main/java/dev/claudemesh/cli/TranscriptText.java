package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Human renderings of transcript turns and search hits for {@code history} and {@code search}. */
final class TranscriptText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    TranscriptText(ZoneId zone) {
        this.zone = zone;
    }

    /** An ISO instant from the daemon as local time, or "-" when absent. */
    String time(JsonNode iso) {
        if (iso == null || !iso.isTextual()) {
            return "-";
        }
        try {
            return TIME.format(Instant.parse(iso.asText()).atZone(zone));
        } catch (DateTimeParseException e) {
            return iso.asText();
        }
    }

    /** A turn: a header line, then one block per entry, continuation lines indented. */
    String turn(JsonNode turn) {
        StringBuilder b = new StringBuilder();
        b.append("── turn ")
                .append(turn.path("index").asInt())
                .append(" · ")
                .append(time(turn.path("started_at")))
                .append(" ──\n");
        for (JsonNode e : turn.path("entries")) {
            String label = e.path("role").asText()
                    + (e.hasNonNull("name") ? " " + e.path("name").asText() : "");
            b.append(label).append(": ").append(indent(e.path("text").asText())).append('\n');
        }
        return b.toString();
    }

    /** A search hit on one line, plus its context turns indented below it. */
    String hit(JsonNode hit) {
        StringBuilder b = new StringBuilder();
        b.append("turn ")
                .append(hit.path("turn_index").asInt())
                .append("  ")
                .append(time(hit.path("at")))
                .append("  ")
                .append(hit.path("role").asText())
                .append(hit.hasNonNull("name") ? " " + hit.path("name").asText() : "")
                .append("  ")
                .append(hit.path("snippet").asText())
                .append('\n');
        for (JsonNode c : hit.path("context")) {
            b.append("    turn ")
                    .append(c.path("index").asInt())
                    .append("  ")
                    .append(time(c.path("started_at")))
                    .append("  ")
                    .append(c.path("prompt").asText())
                    .append('\n');
        }
        return b.toString();
    }

    private static String indent(String text) {
        return text.strip().replace("\n", "\n    ");
    }
}
