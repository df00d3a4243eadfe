package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a finished {@code claude -p ... --output-format stream-json --verbose} left behind. */
public record PrintResult(int exitCode, String stdout, String stderr) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PrintResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** The stream-json events (one per stdout line; lines that are not JSON are skipped). */
    public List<JsonNode> events() {
        return parseEvents(stdout);
    }

    /** The final {@code {"type":"result"}} event's {@code result} text, if claude got that far. */
    public Optional<String> resultText() {
        return events().stream()
                .filter(e -> "result".equals(e.path("type").asText()))
                .reduce((a, b) -> b)
                .map(e -> e.path("result").asText());
    }

    static List<JsonNode> parseEvents(String stdout) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a partial or foreign line: stream-json is best effort here
                }
            }
        }
        return events;
    }
}
