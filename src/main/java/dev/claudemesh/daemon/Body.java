package dev.claudemesh.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.session.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** A request's JSON object with typed getters whose failures are sentences a person can act on. */
public record Body(JsonNode node) {
    public static Body parse(ObjectMapper mapper, String raw) {
        if (raw == null || raw.isBlank()) {
            return new Body(mapper.createObjectNode());
        }
        try {
            JsonNode n = mapper.readTree(raw);
            if (n == null || !n.isObject()) {
                throw new InvalidInputException("request body must be a JSON object");
            }
            return new Body(n);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public String string(String field) {
        String v = optString(field);
        if (v == null) {
            throw new InvalidInputException("field '" + field + "' is required");
        }
        return v;
    }

    public String optString(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public long longValue(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException("field '" + field + "' is required");
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new InvalidInputException("field '" + field + "' must be an integer");
        }
        return v.asLong();
    }

    public long optLong(String field, long fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : longValue(field);
    }

    public boolean bool(String field, Boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new InvalidInputException("field '" + field + "' is required");
            }
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException("field '" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    public List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidInputException("field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidInputException("field '" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
