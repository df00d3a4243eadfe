package dev.claudemesh.install;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a patch did to one config tree: the parts that changed (for the one-line summary), the containers
 * and entries it created (kept in the install state), and a foreign status-line command it left alone.
 */
record PatchResult(List<String> changed, Set<String> created, String foreignStatusLine) {
    PatchResult {
        changed = List.copyOf(changed);
        created = Set.copyOf(created);
        Objects.requireNonNull(changed);
    }
}
