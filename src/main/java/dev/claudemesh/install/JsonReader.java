package dev.claudemesh.install;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON config file into an ordered tree as {@code JSON.parse} would (last duplicate key wins, in
 * the first key's place), keeping each non-integer number exactly as written (a raw value) so a rewrite
 * does not alter other tools' numbers.
 */
public final class JsonReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReader() {}

    /** Decodes strict UTF-8; {@code label} names the file in error messages. */
    public static String decode(String label, byte[] bytes) throws InstallException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InstallException(label + " is not UTF-8 text; fix or move it, then try again.");
        }
    }

    /** Parses a file whose root must be an object; blank text counts as an empty object. */
    public static ObjectNode parseObject(String label, String text) throws InstallException {
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        JsonNode root = parse(label, text);
        if (!root.isObject()) {
            throw new InstallException(label + " must hold a JSON object, but it holds a " + kind(root) + ".");
        }
        return (ObjectNode) root;
    }

    /** Parses any JSON value. */
    public static JsonNode parse(String label, String text) throws InstallException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InstallException(label + " is empty where JSON was expected.");
            }
            JsonNode value = read(p, first);
            if (p.nextToken() != null) {
                throw error(label, p.currentLocation(), "unexpected content after the end of the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw error(label, e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new InstallException(label + " could not be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p, t));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.rawValueNode(new RawValue(p.getText()));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected token " + token);
        }
    }

    private static InstallException error(String label, JsonLocation at, String why) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = why == null ? "" : ": " + firstLine(why);
        return new InstallException(
                label + " is not valid JSON" + where + reason + "; fix it by hand (nothing was changed).");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String kind(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
