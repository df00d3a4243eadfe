package dev.claudemesh.mcp;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A tool call's arguments with typed getters whose failures are sentences a model can fix its call with. Lenient
 * where models commonly slip: a number or boolean sent as a string ({@code "5"}, {@code "true"}) is accepted.
 */
final class ToolArgs {
    private final String where;
    private final Map<String, Object> values;

    ToolArgs(String where, Map<String, Object> values, Collection<String> known) {
        this.where = where;
        this.values = values == null ? Map.of() : values;
        for (String key : this.values.keySet()) {
            if (!known.contains(key)) {
                throw new ToolFailure("Unknown argument '" + key + "' for " + where + "; it takes "
                        + (known.isEmpty() ? "no arguments" : String.join(", ", new TreeSet<>(known))) + ".");
            }
        }
    }

    String requiredString(String name, int maxChars) {
        return optionalString(name, maxChars)
                .orElseThrow(() -> new ToolFailure("The argument '" + name + "' of " + where + " is required."));
    }

    Optional<String> optionalString(String name, int maxChars) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number || v instanceof Boolean) {
            v = String.valueOf(v); // a client that coerced "5" to 5
        }
        if (!(v instanceof String s)) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " must be a string.");
        }
        if (s.isBlank()) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " must not be empty.");
        }
        if (s.length() > maxChars) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " is " + s.length()
                    + " characters long; the limit is " + maxChars + ".");
        }
        return Optional.of(s);
    }

    String choice(String name, List<String> allowed, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " must be one of "
                    + String.join(
                            ", ", allowed.stream().map(a -> "\"" + a + "\"").toList()) + ".");
        }
        return s;
    }

    int integer(String name, int fallback, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Long n = null;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = (long) num.doubleValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,10}")) {
            n = Long.parseLong(s.trim());
        }
        if (n == null || n < min || n > max) {
            String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
            throw new ToolFailure("The argument '" + name + "' of " + where + " must be a whole number " + range
                    + ", got " + describe(v) + ".");
        }
        return n.intValue();
    }

    int requiredInteger(String name, int min, int max) {
        if (values.get(name) == null) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " is required.");
        }
        return integer(name, min, min, max);
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v)) {
            return true;
        }
        if ("false".equals(v)) {
            return false;
        }
        throw new ToolFailure(
                "The argument '" + name + "' of " + where + " must be true or false, got " + describe(v) + ".");
    }

    /** A nested object argument (absent = empty). */
    @SuppressWarnings("unchecked")
    ToolArgs object(String name, Collection<String> known) {
        Object v = values.get(name);
        if (v == null) {
            return new ToolArgs(where + " " + name, Map.of(), known);
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ToolFailure("The argument '" + name + "' of " + where + " must be an object such as {"
                    + String.join(
                            ", ",
                            known.stream()
                                    .sorted()
                                    .map(k -> "\"" + k + "\": ...")
                                    .toList()) + "}.");
        }
        return new ToolArgs(where + " " + name, (Map<String, Object>) m, known);
    }

    private static String describe(Object v) {
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
