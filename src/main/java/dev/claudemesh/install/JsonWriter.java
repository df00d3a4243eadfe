package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a tree exactly as JavaScript's {@code JSON.stringify(value, null, indent)} does (the format
 * Claude Code writes its config in): {@code "key": value}, one element per line, {@code {}} and {@code []}
 * when empty, non-ASCII left as is, JS escaping (lower-case {@code \\u00xx} escapes, lone surrogates escaped).
 * Numbers read by {@link JsonReader} are written as they were read.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {}

    /** The whole file text: the value, then the style's trailer. */
    public static String write(JsonNode value, JsonStyle style) {
        StringBuilder out = new StringBuilder();
        value(out, value, style.indent(), "");
        return out.append(style.trailer()).toString();
    }

    private static void value(StringBuilder out, JsonNode node, String unit, String indent) {
        if (node.isObject()) {
            object(out, node, unit, indent);
        } else if (node.isArray()) {
            array(out, node, unit, indent);
        } else if (node.isTextual()) {
            string(out, node.textValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(node.numberValue().toString());
        } else if (node instanceof POJONode && ((POJONode) node).getPojo() instanceof RawValue) {
            out.append(((RawValue) ((POJONode) node).getPojo()).rawValue());
        } else {
            throw new IllegalArgumentException("cannot write JSON node of type " + node.getNodeType());
        }
    }

    private static void object(StringBuilder out, JsonNode node, String unit, String indent) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + unit;
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            newline(out, unit, inner);
            string(out, field.getKey());
            out.append(unit.isEmpty() ? ":" : ": ");
            value(out, field.getValue(), unit, inner);
            if (fields.hasNext()) {
                out.append(',');
            }
        }
        newline(out, unit, indent);
        out.append('}');
    }

    private static void array(StringBuilder out, JsonNode node, String unit, String indent) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + unit;
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            newline(out, unit, inner);
            value(out, node.get(i), unit, inner);
            if (i + 1 < node.size()) {
                out.append(',');
            }
        }
        newline(out, unit, indent);
        out.append(']');
    }

    private static void newline(StringBuilder out, String unit, String indent) {
        if (!unit.isEmpty()) {
            out.append('\n').append(indent);
        }
    }

    /** A JSON string literal as {@code JSON.stringify} writes it. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
