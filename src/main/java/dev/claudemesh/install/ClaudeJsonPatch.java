package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Adds and removes {@code mcpServers.claudemesh} in Claude Code's {@code .claude.json}. */
final class ClaudeJsonPatch {
    private final MeshEntries entries;
    private final String label;

    ClaudeJsonPatch(MeshEntries entries, String label) {
        this.entries = Objects.requireNonNull(entries);
        this.label = Objects.requireNonNull(label);
    }

    PatchResult install(ObjectNode root) throws InstallException {
        Set<String> created = new HashSet<>();
        ObjectNode servers = ConfigTree.object(root, "mcpServers", "/mcpServers", label, created);
        JsonNode old = servers.get(MeshEntries.SERVER_NAME);
        ObjectNode ours = entries.mcpServer();
        servers.set(MeshEntries.SERVER_NAME, ours);
        List<String> changed = ours.equals(old) ? List.of() : List.of("mcpServers." + MeshEntries.SERVER_NAME);
        return new PatchResult(changed, created, null);
    }

    /** Removes our server entry; {@code created} as in {@link SettingsPatch#uninstall}. */
    PatchResult uninstall(ObjectNode root, Set<String> created) {
        JsonNode servers = root.get("mcpServers");
        if (servers == null || !servers.isObject() || !MeshEntries.isOurServer(servers.path(MeshEntries.SERVER_NAME))) {
            return new PatchResult(List.of(), Set.of(), null);
        }
        ((ObjectNode) servers).remove(MeshEntries.SERVER_NAME);
        ConfigTree.pruneEmpty(root, created != null ? created : Set.of("/mcpServers"));
        return new PatchResult(List.of("mcpServers." + MeshEntries.SERVER_NAME), Set.of(), null);
    }
}
