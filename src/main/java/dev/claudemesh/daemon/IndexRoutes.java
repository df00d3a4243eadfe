package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.transcript.SearchOptions;
import dev.claudemesh.transcript.TranscriptException;
import dev.claudemesh.transcript.index.IndexHit;
import dev.claudemesh.transcript.index.IndexRequest;
import dev.claudemesh.transcript.index.IndexResult;
import dev.claudemesh.transcript.index.IndexStatus;
import dev.claudemesh.transcript.index.Since;
import dev.claudemesh.transcript.index.TranscriptIndex;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Search across every session's transcript (the full-text index), and the index's status and rebuild. A hit's
 * {@code id} is the claudemesh id when claudemesh knew the session (and it was that id's latest session), else
 * Claude Code's session id; either works with the turn endpoint.
 */
final class IndexRoutes {
    private final Mesh mesh;
    private final TranscriptIndex index;
    private final ObjectMapper json;

    IndexRoutes(Mesh mesh, TranscriptIndex index, ObjectMapper json) {
        this.mesh = mesh;
        this.index = index;
        this.json = json;
    }

    void register(RoutesConfig r) {
        r.get(Endpoints.SEARCH, this::search);
        r.get(Endpoints.INDEX_STATUS, ctx -> ctx.json(status(index.status())));
        r.post(Endpoints.INDEX_REBUILD, ctx -> {
            index.rebuild();
            ObjectNode out = json.createObjectNode();
            out.put("rebuilding", true);
            ctx.json(out);
        });
    }

    private void search(Context ctx) throws SQLException {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("q is required: the words (or with regex=true, the RE2 pattern) to find");
        }
        if (q.length() > 1000) {
            throw new InvalidInputException("q is " + q.length() + " characters long; the limit is 1000");
        }
        int limit = TranscriptRoutes.intParam(ctx, "limit", IndexRequest.DEFAULT_LIMIT, 1, IndexRequest.MAX_LIMIT);
        boolean regex = TranscriptRoutes.boolParam(ctx, "regex", false);
        String since = ctx.queryParam("since");
        IndexResult res;
        try {
            Instant from =
                    since == null || since.isBlank() ? null : Since.parse(since, Instant.now(), ZoneId.systemDefault());
            res = index.search(new IndexRequest(
                    q, ctx.queryParam("folder"), from, regex, limit, SearchOptions.DEFAULT_TIME_BUDGET));
        } catch (TranscriptException.InvalidQuery e) {
            throw new InvalidInputException(e.getMessage());
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode hits = out.putArray("hits");
        Map<String, Optional<String>> claudeIds = new HashMap<>();
        for (IndexHit h : res.hits()) {
            Optional<String> claudeId = claudeIds.computeIfAbsent(h.sessionId(), this::claudeIdOf);
            ObjectNode o = hits.addObject();
            o.put("id", claudeId.filter(c -> isLatest(c, h.sessionId())).orElse(h.sessionId()));
            o.put("session_id", h.sessionId());
            if (claudeId.isPresent()) {
                o.put("claude_id", claudeId.get());
            } else {
                o.putNull("claude_id");
            }
            o.put("folder", h.folder());
            if (h.cwd() == null) {
                o.putNull("cwd");
            } else {
                o.put("cwd", h.cwd());
            }
            o.put("turn", h.turn());
            if (h.time() == null) {
                o.putNull("time");
            } else {
                o.put("time", h.time().toString());
            }
            o.put("role", h.role());
            o.put("snippet", h.snippet());
            ArrayNode hl = o.putArray("highlights");
            for (int[] span : h.highlights()) {
                hl.addArray().add(span[0]).add(span[1]);
            }
        }
        out.put("took_ms", res.tookMillis());
        out.put("truncated", res.truncated());
        ObjectNode idx = out.putObject("index");
        idx.put("ready", res.ready());
        idx.put("lag_ms", res.lagMillis());
        ctx.json(out);
    }

    private Optional<String> claudeIdOf(String sessionId) {
        try {
            return mesh.claudeIdOf(sessionId);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private boolean isLatest(String claudeId, String sessionId) {
        try {
            return mesh.sessionIdOf(claudeId).map(sessionId::equals).orElse(false);
        } catch (SQLException e) {
            return false;
        }
    }

    private ObjectNode status(IndexStatus s) {
        ObjectNode o = json.createObjectNode();
        o.put("ready", s.ready());
        o.put("files", s.files());
        o.put("turns", s.turns());
        o.put("index_bytes", s.indexBytes());
        o.put("transcript_bytes", s.transcriptBytes());
        o.put("pending_files", s.pendingFiles());
        o.put("lag_ms", s.lagMillis());
        o.put("bytes_indexed_since_start", s.bytesIndexedSinceStart());
        if (s.lastError() == null) {
            o.putNull("last_error");
        } else {
            o.put("last_error", s.lastError());
        }
        o.put(
                "last_error_at",
                s.lastErrorAt() == 0
                        ? null
                        : Instant.ofEpochMilli(s.lastErrorAt()).toString());
        o.put("path", s.path());
        o.put("projects_dir", s.projectsDir());
        return o;
    }
}
