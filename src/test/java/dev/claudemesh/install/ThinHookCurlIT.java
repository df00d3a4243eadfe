package dev.claudemesh.install;

import java.util.Map;

/** Every {@link ThinHookIT} case on the curl path ({@code CLAUDEMESH_HOOK_BASH=}: where there is no bash 5). */
class ThinHookCurlIT extends ThinHookIT {
    @Override
    Map<String, String> transport() {
        return Map.of("CLAUDEMESH_HOOK_BASH", "");
    }

    @Override
    boolean bashPath() {
        return false;
    }
}
