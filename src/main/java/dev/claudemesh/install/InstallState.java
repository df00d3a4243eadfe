package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What install created in each Claude Code file (the file itself, containers such as {@code hooks}, the
 * permission entry), kept in {@code <CLAUDEMESH_HOME>/install-state.json} so uninstall can return each
 * file to exactly what it was. A missing or unreadable state just means "unknown".
 */
final class InstallState {
    /** Marker: the file did not exist before install. */
    static final String FILE = "file";

    private final Map<String, Set<String>> files;

    private InstallState(Map<String, Set<String>> files) {
        this.files = files;
    }

    static InstallState load(Path stateFile) {
        Map<String, Set<String>> files = new TreeMap<>();
        try {
            String text = Files.readString(stateFile, StandardCharsets.UTF_8);
            JsonNode root = JsonReader.parse(stateFile.toString(), text);
            root.path("files").properties().forEach(e -> {
                Set<String> created = new TreeSet<>();
                e.getValue().forEach(v -> created.add(v.asText()));
                files.put(e.getKey(), created);
            });
        } catch (IOException | InstallException e) {
            // unknown state: uninstall falls back to judging by content
        }
        return new InstallState(files);
    }

    /** What install created in {@code file}, or null when this state knows nothing about it. */
    Set<String> created(Path file) {
        Set<String> created = files.get(file.toString());
        return created == null ? null : Set.copyOf(created);
    }

    /** Adds to what is known for {@code file} (a re-install keeps what the first install created). */
    void addCreated(Path file, Set<String> created) {
        files.computeIfAbsent(file.toString(), k -> new TreeSet<>()).addAll(created);
    }

    void forget(Path file) {
        files.remove(file.toString());
    }

    /** Writes the state (0600), or deletes the state file once nothing is left in it. */
    void save(Path stateFile) throws InstallException {
        if (files.isEmpty()) {
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException e) {
                throw new InstallException("cannot delete " + stateFile + ": " + e.getMessage() + ".", e);
            }
            return;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("version", 1);
        ObjectNode byFile = root.putObject("files");
        files.forEach((file, created) -> {
            var list = byFile.putArray(file);
            created.forEach(list::add);
        });
        byte[] bytes = (JsonWriter.write(root, JsonStyle.CLAUDE) + "\n").getBytes(StandardCharsets.UTF_8);
        ConfigFile.writeAtomically(stateFile, bytes, ConfigFile.PRIVATE);
    }
}
