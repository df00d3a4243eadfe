package dev.claudemesh.install;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;

/** Small tree edits on a config file that remember which containers install had to create. */
final class ConfigTree {
    private ConfigTree() {}

    /** The object at {@code parent.key}, created (and recorded in {@code created}) when absent. */
    static ObjectNode object(ObjectNode parent, String key, String pointer, String label, Set<String> created)
            throws InstallException {
        JsonNode node = parent.get(key);
        if (node == null) {
            created.add(pointer);
            return parent.putObject(key);
        }
        if (!node.isObject()) {
            throw wrongKind(label, pointer, node, "an object");
        }
        return (ObjectNode) node;
    }

    /** The array at {@code parent.key}, created (and recorded in {@code created}) when absent. */
    static ArrayNode array(ObjectNode parent, String key, String pointer, String label, Set<String> created)
            throws InstallException {
        JsonNode node = parent.get(key);
        if (node == null) {
            created.add(pointer);
            return parent.putArray(key);
        }
        if (!node.isArray()) {
            throw wrongKind(label, pointer, node, "a list");
        }
        return (ArrayNode) node;
    }

    /** Removes each container named by a pointer in {@code pointers} that is empty, deepest first. */
    static void pruneEmpty(ObjectNode root, Collection<String> pointers) {
        pointers.stream()
                .filter(p -> p.startsWith("/"))
                .sorted(Comparator.comparingInt((String p) -> p.split("/").length)
                        .reversed())
                .forEach(p -> {
                    JsonPointer ptr = JsonPointer.compile(p);
                    JsonNode node = root.at(ptr);
                    JsonNode parent = root.at(ptr.head());
                    if (node instanceof ContainerNode && node.isEmpty() && parent.isObject()) {
                        ((ObjectNode) parent).remove(ptr.last().getMatchingProperty());
                    }
                });
    }

    private static InstallException wrongKind(String label, String pointer, JsonNode node, String expected) {
        String path = pointer.substring(1).replace('/', '.');
        return new InstallException(label + ": \"" + path + "\" is a " + JsonReader.kind(node) + " where Claude Code"
                + " expects " + expected + "; fix it by hand (nothing was changed).");
    }
}
