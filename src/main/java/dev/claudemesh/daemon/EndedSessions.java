package dev.claudemesh.daemon;

import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.session.Ids;
import dev.claudemesh.transcript.TranscriptException;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.index.TranscriptIndex;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transcript of a session that is not live, by the id a search hit gave: Claude Code's session id, or a
 * claudemesh id (its latest session). Only transcripts under the projects folder are ever read.
 */
final class EndedSessions {
    private final Mesh mesh;
    private final TranscriptLocator locator;
    private final TranscriptIndex index;

    EndedSessions(Mesh mesh, TranscriptLocator locator, TranscriptIndex index) {
        this.mesh = mesh;
        this.locator = locator;
        this.index = index;
    }

    /** An ended session's transcript and how it is shown ({@code session} in the turn answer). */
    record Ended(TranscriptFile file, Map<String, Object> session) {}

    Optional<Ended> find(String id) throws SQLException {
        Optional<String> sessionId = Ids.isClaudeId(id) ? mesh.sessionIdOf(id) : Optional.empty();
        if (sessionId.isEmpty() && Ids.isSessionId(id)) {
            sessionId = Optional.of(id);
        }
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        String sid = sessionId.get();
        Optional<TranscriptIndex.Indexed> known = index == null ? Optional.empty() : index.transcriptOf(sid);
        TranscriptFile file;
        try {
            if (known.isPresent()) {
                file = locator.resolve(known.get().path().toString());
            } else {
                Optional<TranscriptFile> found = locator.findBySessionId(sid);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                file = found.get();
            }
        } catch (TranscriptException.PathRefused e) {
            return Optional.empty();
        }
        Optional<String> claudeId = mesh.claudeIdOf(sid);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", claudeId.filter(c -> latest(c, sid)).orElse(sid));
        session.put("session_id", sid);
        session.put("claude_id", claudeId.orElse(null));
        session.put("cwd", known.map(TranscriptIndex.Indexed::cwd).orElse(null));
        session.put(
                "folder",
                known.map(TranscriptIndex.Indexed::folder)
                        .orElse(file.path().getParent().getFileName().toString()));
        session.put("transcript_path", file.path().toString());
        session.put("live", false);
        return Optional.of(new Ended(file, session));
    }

    private boolean latest(String claudeId, String sessionId) {
        try {
            return mesh.sessionIdOf(claudeId).map(sessionId::equals).orElse(false);
        } catch (SQLException e) {
            return false;
        }
    }
}
