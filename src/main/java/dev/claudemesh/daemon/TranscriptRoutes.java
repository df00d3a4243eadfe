package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.mesh.RefusedException;
import dev.claudemesh.mesh.SessionView;
import dev.claudemesh.session.Ids;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.NotFoundException;
import dev.claudemesh.session.Reason;
import dev.claudemesh.transcript.SearchOptions;
import dev.claudemesh.transcript.SearchResult;
import dev.claudemesh.transcript.TranscriptException;
import dev.claudemesh.transcript.TranscriptFile;
import dev.claudemesh.transcript.TranscriptHistory;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.TranscriptReader;
import dev.claudemesh.transcript.TranscriptSearch;
import dev.claudemesh.transcript.Turn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * History endpoints of a live session (by id or folder name): its last turns, a search, one turn. The daemon
 * reads only the transcript Claude Code reported for that session, and only if it lies under Claude Code's
 * projects folder as the daemon's own environment defines it ({@code $CLAUDE_CONFIG_DIR/projects}, else
 * {@code $HOME/.claude/projects}; a daemon inherits the environment of the client that started it). No route
 * takes a path from the client.
 */
final class TranscriptRoutes {
    static final int DEFAULT_LAST_N = 10;
    static final int MAX_LAST_N = 200;
    static final int MAX_CONTEXT = 20;
    static final int MAX_RESULTS = 1000;

    private final Mesh mesh;
    private final TranscriptLocator locator;
    private final TranscriptReader reader = new TranscriptReader();
    private final TranscriptSearch search = new TranscriptSearch();

    TranscriptRoutes(Mesh mesh, TranscriptLocator locator) {
        this.mesh = mesh;
        this.locator = locator;
    }

    void register(RoutesConfig r) {
        r.get(Endpoints.Routes.SESSION_HISTORY, this::history);
        r.get(Endpoints.Routes.SESSION_SEARCH, this::search);
        r.get(Endpoints.Routes.SESSION_TURN, this::turn);
    }

    private void history(Context ctx) {
        int lastN = intParam(ctx, "last_n", DEFAULT_LAST_N, 1, MAX_LAST_N);
        boolean redact = boolParam(ctx, "redact", true);
        SessionView s = mesh.resolve(ctx.pathParam("id"));
        TranscriptHistory h = read(s, () -> reader.readHistory(transcriptOf(s), lastN, redact));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", s);
        out.put("total_turns", h.totalTurns());
        out.put("redacted", h.redacted());
        out.put("turns", h.turns());
        ctx.json(out);
    }

    private void search(Context ctx) {
        String query = ctx.queryParam("q");
        if (query == null || query.isEmpty()) {
            throw new InvalidInputException("q is required: the text (or regex) to search for");
        }
        SearchOptions options = SearchOptions.defaults()
                .withRegex(boolParam(ctx, "regex", false))
                .withCaseSensitive(boolParam(ctx, "case_sensitive", false))
                .withContextTurns(intParam(ctx, "context", 0, 0, MAX_CONTEXT))
                .withMaxResults(intParam(ctx, "max", SearchOptions.DEFAULT_MAX_RESULTS, 1, MAX_RESULTS))
                .withRedact(boolParam(ctx, "redact", true));
        SessionView s = mesh.resolve(ctx.pathParam("id"));
        SearchResult res = read(s, () -> search.search(transcriptOf(s), query, options));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", s);
        out.put("query", query);
        out.put("regex", options.regex());
        out.put("case_sensitive", options.caseSensitive());
        out.put("complete", res.complete());
        out.put("reached_max_results", res.reachedMaxResults());
        out.put("reached_time_budget", res.reachedTimeBudget());
        out.put("turns_scanned", res.turnsScanned());
        out.put("bytes_scanned", res.bytesScanned());
        out.put("elapsed_ms", res.elapsedMillis());
        out.put("hits", res.hits());
        ctx.json(out);
    }

    private void turn(Context ctx) {
        int n = intPath(ctx, "n");
        boolean redact = boolParam(ctx, "redact", true);
        SessionView s = mesh.resolve(ctx.pathParam("id"));
        Turn turn = read(s, () -> reader.getTurn(transcriptOf(s), n, !redact));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", s);
        out.put("redacted", redact);
        out.put("turn", turn);
        ctx.json(out);
    }

    /** The session's checked transcript; a path outside the projects folder is refused, a missing one is 404. */
    private TranscriptFile transcriptOf(SessionView s) {
        String path = s.transcriptPath();
        if (path == null) {
            return locator.findBySessionId(s.sessionId())
                    .orElseThrow(() -> new NotFoundException(describe(s) + " has no transcript under "
                            + locator.projectsDir() + " yet; Claude Code writes it once the session has a prompt"));
        }
        try {
            return locator.resolve(path);
        } catch (TranscriptException.PathRefused e) {
            if (notWrittenYet(path)) {
                throw new NotFoundException(describe(s) + " has no transcript yet (" + path
                        + " does not exist); Claude Code writes it once the session has a prompt");
            }
            throw new RefusedException(
                    Reason.PATH_REFUSED,
                    e.getMessage() + " (the daemon reads transcripts only under " + locator.projectsDir()
                            + ", from the CLAUDE_CONFIG_DIR or HOME it was started with)");
        }
    }

    private boolean notWrittenYet(String path) {
        try {
            Path p = Path.of(path).normalize();
            return p.startsWith(locator.projectsDir()) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Runs a transcript read, turning the core's failures into the API's 400/404 answers. */
    private static <T> T read(SessionView s, Supplier<T> action) {
        try {
            return action.get();
        } catch (TranscriptException.InvalidQuery e) {
            throw new InvalidInputException(e.getMessage());
        } catch (TranscriptException.NoSuchTurn e) {
            throw new NotFoundException(e.getMessage());
        } catch (TranscriptException.PathRefused e) {
            throw new RefusedException(Reason.PATH_REFUSED, e.getMessage());
        } catch (TranscriptException | UncheckedIOException e) {
            throw new NotFoundException("the transcript of " + describe(s) + " cannot be read: " + e.getMessage());
        }
    }

    private static String describe(SessionView s) {
        return "session " + s.id() + " (" + s.folder() + ")";
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return parseInt(name, raw, min, max);
    }

    private static int intPath(Context ctx, String name) {
        return parseInt(name, ctx.pathParam(name), 1, Integer.MAX_VALUE);
    }

    private static int parseInt(String name, String raw, int min, int max) {
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
        throw new InvalidInputException(
                name + " must be a whole number " + range + ", got '" + Ids.printable(raw) + "'");
    }

    static boolean boolParam(Context ctx, String name, boolean fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return switch (raw) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default ->
                throw new InvalidInputException(name + " must be true or false, got '" + Ids.printable(raw) + "'");
        };
    }
}
