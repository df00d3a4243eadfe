package dev.claudemesh.mesh;

import java.util.List;

/**
 * Where the daemon tells a claude process's prompt hook that it has nothing for it, so that the hook may skip the
 * daemon (the thin launcher's quiet prompt: one line written, no request), and where it reads the prompts that did.
 * The mesh decides ({@link QuietPromptLedger}); the daemon keeps the files ({@code daemon.QuietPromptFiles}).
 */
public interface QuietPrompts {
    /** Claude process {@code pid}'s prompt hook may skip the daemon: nothing waits for it. */
    void allow(long pid);

    /** Claude process {@code pid}'s prompt hook must ask the daemon again. */
    void revoke(long pid);

    /** The prompts that skipped the daemon since the last call (each once). */
    List<Prompt> take();

    /** A prompt that skipped the daemon: claude's pid, Claude Code's session id, when (epoch ms). */
    record Prompt(long pid, String sessionId, long at) {}

    /** No quiet prompts: every prompt hook asks the daemon (tests, and a mesh without a home). */
    QuietPrompts NONE = new QuietPrompts() {
        @Override
        public void allow(long pid) {}

        @Override
        public void revoke(long pid) {}

        @Override
        public List<Prompt> take() {
            return List.of();
        }
    };
}
