package dev.claudemesh.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/** Jackson set up for transcript lines: huge strings allowed (tool output), nothing else relaxed. */
final class JsonSupport {
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    JsonSupport() {
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
        mapper = new ObjectMapper(factory);
    }

    JsonParser parser(byte[] buf, int off, int len) throws IOException {
        return factory.createParser(buf, off, len);
    }

    /**
     * The line as a JSON object holding only the top-level fields in {@code keep} (others, such as the
     * {@code toolUseResult} copy of tool output or an Edit's whole original file, are skipped without building
     * their strings), or null when the line is not a well-formed object (malformed, half-written, an array...).
     */
    ObjectNode readObject(byte[] buf, int off, int len, Set<String> keep) {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode node = mapper.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (keep.contains(name)) {
                    node.set(name, mapper.readTree(p));
                } else {
                    p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Compact JSON text of a node (tool inputs, structured tool results). */
    String compact(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            return String.valueOf(node);
        }
    }
}
