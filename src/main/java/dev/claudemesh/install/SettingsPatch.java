package dev.claudemesh.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Adds and removes claudemesh's hooks, status line and MCP permission in Claude Code's settings.json. */
final class SettingsPatch {
    static final String ALLOW_ENTRY = "allow:" + MeshEntries.PERMISSION;

    private final MeshEntries entries;
    private final String label;

    SettingsPatch(MeshEntries entries, String label) {
        this.entries = Objects.requireNonNull(entries);
        this.label = Objects.requireNonNull(label);
    }

    PatchResult install(ObjectNode root) throws InstallException {
        ObjectNode before = root.deepCopy();
        Set<String> created = new HashSet<>();
        ObjectNode hooks = ConfigTree.object(root, "hooks", "/hooks", label, created);
        for (String event : MeshEntries.EVENTS) {
            ArrayNode groups = ConfigTree.array(hooks, event, "/hooks/" + event, label, created);
            int at = removeOurs(groups);
            List<ObjectNode> ours = entries.hookGroups(event);
            for (int i = 0; i < ours.size(); i++) {
                if (at < 0) {
                    groups.add(ours.get(i));
                } else {
                    groups.insert(at + i, ours.get(i));
                }
            }
        }
        String foreign = null;
        JsonNode status = root.get("statusLine");
        if (status == null || isOurStatusLine(status)) {
            root.set("statusLine", entries.statusLine());
        } else {
            foreign =
                    status.path("command").isTextual() ? status.path("command").textValue() : status.toString();
        }
        ObjectNode permissions = ConfigTree.object(root, "permissions", "/permissions", label, created);
        ArrayNode allow = ConfigTree.array(permissions, "allow", "/permissions/allow", label, created);
        if (!contains(allow, MeshEntries.PERMISSION)) {
            allow.add(MeshEntries.PERMISSION);
            created.add(ALLOW_ENTRY);
        }
        return new PatchResult(changed(before, root), created, foreign);
    }

    /**
     * Removes every entry of ours. {@code created} is what install recorded for this file (null when
     * unknown): containers in it are removed once empty, and the permission only goes if install added
     * it. Without a record, containers that this removal empties are removed.
     */
    PatchResult uninstall(ObjectNode root, Set<String> created) {
        ObjectNode before = root.deepCopy();
        Set<String> emptied = new HashSet<>();
        JsonNode hooks = root.get("hooks");
        if (hooks != null && hooks.isObject()) {
            for (Map.Entry<String, JsonNode> event : hooks.properties()) {
                if (event.getValue().isArray() && removeOurs((ArrayNode) event.getValue()) >= 0) {
                    emptied.add("/hooks/" + event.getKey());
                    emptied.add("/hooks");
                }
            }
        }
        JsonNode status = root.get("statusLine");
        if (status != null && isOurStatusLine(status)) {
            root.remove("statusLine");
        }
        JsonNode allow = root.path("permissions").path("allow");
        if (allow.isArray() && (created == null || created.contains(ALLOW_ENTRY))) {
            ArrayNode list = (ArrayNode) allow;
            for (int i = list.size() - 1; i >= 0; i--) {
                if (MeshEntries.PERMISSION.equals(list.get(i).textValue())) {
                    list.remove(i);
                    emptied.add("/permissions/allow");
                    emptied.add("/permissions");
                }
            }
        }
        ConfigTree.pruneEmpty(root, created != null ? created : emptied);
        return new PatchResult(changed(before, root), Set.of(), null);
    }

    static boolean isOurStatusLine(JsonNode status) {
        return MeshEntries.isOurHook(status);
    }

    /** Removes our hooks from an event's groups; returns the index of the first group that held one, or -1. */
    private static int removeOurs(ArrayNode groups) {
        int first = -1;
        int i = 0;
        while (i < groups.size()) {
            JsonNode hooks = groups.get(i).path("hooks");
            boolean touched = false;
            if (hooks.isArray()) {
                ArrayNode list = (ArrayNode) hooks;
                for (int j = list.size() - 1; j >= 0; j--) {
                    if (MeshEntries.isOurHook(list.get(j))) {
                        list.remove(j);
                        touched = true;
                    }
                }
            }
            if (touched && first < 0) {
                first = i;
            }
            if (touched && hooks.isEmpty()) {
                groups.remove(i);
            } else {
                i++;
            }
        }
        return first;
    }

    private static boolean contains(ArrayNode list, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.textValue())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> changed(ObjectNode before, ObjectNode after) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.get("hooks"), after.get("hooks"))) {
            changed.add("hooks");
        }
        if (!Objects.equals(before.get("statusLine"), after.get("statusLine"))) {
            changed.add("status line");
        }
        if (!Objects.equals(before.get("permissions"), after.get("permissions"))) {
            changed.add("permission " + MeshEntries.PERMISSION);
        }
        return changed;
    }
}
