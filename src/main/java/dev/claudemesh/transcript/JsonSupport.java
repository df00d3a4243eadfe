package dev.claudemesh.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

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

    /** The line as a JSON object, or null when it is not one (malformed, half-written, not an object). */
    JsonNode readObject(byte[] buf, int off, int len) {
        try {
            JsonNode node = mapper.readTree(buf, off, len);
            return node != null && node.isObject() ? node : null;
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
