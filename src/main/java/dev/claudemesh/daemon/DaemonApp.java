package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.Version;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.api.WireJson;
import dev.claudemesh.mesh.HookHandler;
import dev.claudemesh.mesh.Mesh;
import dev.claudemesh.session.MeshException;
import dev.claudemesh.session.TargetResolver;
import dev.claudemesh.transcript.TranscriptLocator;
import dev.claudemesh.transcript.index.TranscriptIndex;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the daemon, built without starting it so tests can start it on port 0. Every error
 * leaves as {@code {"error": "..."}} from the one mapping below; no stack trace ever does.
 */
public final class DaemonApp {
    public static final long MAX_REQUEST_BYTES = 1024 * 1024;
    static final long SHUTDOWN_GRACE_MILLIS = 100;
    static final int WORKER_THREADS = Integer.getInteger("claudemesh.http.threads", 8);
    private static final Logger LOG = LoggerFactory.getLogger(DaemonApp.class);

    static final String INTERNAL_ERROR = "internal error in the claudemesh daemon; see its log";
    private static final String STARTED = "claudemesh.started";
    /** {@code false}: the thin hooks' route is served by Javalin like every other ({@link ThinHookHandler}). */
    static final String RAW_THIN_PROPERTY = "claudemesh.thin.raw";

    private final LatencyWindow sends = new LatencyWindow();
    private final Javalin app;
    private final ThinMcpRoutes thinMcp;
    private final ThinHookHandler thinHandler;
    private final AtomicInteger port = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong lastActivity =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    /**
     * @param transcripts where this daemon may read Claude Code transcripts (its projects folder)
     * @param index the full-text index of every transcript (null: the search-all routes are not served)
     * @param callers who is calling: the sender of a message is derived from it
     */
    public DaemonApp(
            Mesh mesh,
            String token,
            long startedAt,
            Runnable onShutdown,
            TranscriptLocator transcripts,
            TranscriptIndex index,
            Callers callers) {
        ObjectMapper json = WireJson.mapper();
        SecurityFilter security = new SecurityFilter(token, port::get, MAX_REQUEST_BYTES);
        ThinMcpRoutes thinMcp = new ThinMcpRoutes(token, port::get, startedAt, callers);
        this.thinMcp = thinMcp;
        HookHandler hooks = new HookHandler(mesh);
        ThinHookHandler thinHandler = Boolean.parseBoolean(System.getProperty(RAW_THIN_PROPERTY, "true"))
                ? new ThinHookHandler(null, hooks, json, security, () -> lastActivity.set(System.currentTimeMillis()))
                : null;
        this.thinHandler = thinHandler;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            // Handlers are short and long-polls hold no thread, so a few threads serve everything; more only
            // add context switches (and latency tails) on small machines.
            QueuedThreadPool pool = new QueuedThreadPool(WORKER_THREADS, 2, 60_000);
            pool.setName("claudemesh-http");
            pool.setDaemon(true);
            config.jetty.threadPool = pool;
            config.jetty.modifyServer(server -> {
                // Jetty's own refusals (unparseable requests, bad URIs, oversized headers) answer in JSON too
                server.setErrorHandler(new JsonErrorHandler());
                // Bodies are read asynchronously before a worker is taken: a client that stalls mid-body holds
                // a connection, never a thread, so it cannot starve hooks and sends.
                // the thin hooks' route without Javalin's machinery (off only to compare the two in tests)
                org.eclipse.jetty.server.Handler routes = thinHandler == null ? server.getHandler() : thinHandler;
                if (thinHandler != null) {
                    thinHandler.setHandler(server.getHandler());
                }
                server.setHandler(new EagerContentHandler(
                        routes,
                        new EagerContentHandler.RetainedContentLoaderFactory(MAX_REQUEST_BYTES + 64 * 1024, -1, true)));
            });
            config.router.javaLangErrorHandler((res, error) -> {
                LOG.error("fatal error while serving a request", error);
                writeInternalError(res);
            });
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.asyncTimeout = LongPoll.MAX_TIMEOUT_MS + 5_000;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(json, false));
            var r = config.routes;
            r.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                lastActivity.set(System.currentTimeMillis());
            });
            r.after(ctx -> lastActivity.set(System.currentTimeMillis()));
            r.after(Endpoints.MESSAGES, ctx -> {
                Long t0 = ctx.attribute(STARTED);
                if (t0 != null && ctx.statusCode() == 200) {
                    sends.record(System.nanoTime() - t0);
                }
            });
            r.before(security::check);
            r.get(Endpoints.HEALTH, ctx -> ctx.json(health(mesh, startedAt, sends)));
            r.post(Endpoints.SHUTDOWN, ctx -> {
                ctx.json(Map.of("stopping", true));
                Thread t = new Thread(
                        () -> {
                            try {
                                Thread.sleep(SHUTDOWN_GRACE_MILLIS); // let this answer reach the client first
                            } catch (InterruptedException ignored) {
                                // stop now then
                            }
                            onShutdown.run();
                        },
                        "claudemesh-shutdown");
                t.setDaemon(false);
                t.start();
            });
            new SessionRoutes(mesh, json).register(r);
            new MessageRoutes(mesh, json, hooks.renderer(), callers).register(r);
            new EventRoutes(mesh).register(r);
            new MeshEventRoutes(mesh).register(r);
            new InboxRoutes(mesh).register(r);
            new HookRoutes(mesh, hooks, json).register(r);
            new TranscriptRoutes(mesh, transcripts, new EndedSessions(mesh, transcripts, index)).register(r);
            if (index != null) {
                new IndexRoutes(mesh, index, json).register(r);
            }
            new ThinHookRoutes(hooks, json).register(r);
            new ThinWaiterRoutes(mesh, hooks, json).register(r);
            thinMcp.register(r);
            r.exception(MeshException.class, (e, ctx) -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("error", e.getMessage() == null ? "error" : e.getMessage());
                if (e instanceof TargetResolver.TargetException t) {
                    out.put(
                            "candidates",
                            t.candidates().stream().map(mesh::view).toList());
                }
                ctx.status(ErrorStatus.of(e.reason())).json(out);
            });
            r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, INTERNAL_ERROR);
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            r.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
            r.error(413, ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    error(ctx, 413, "request body is over the limit of " + MAX_REQUEST_BYTES + " bytes");
                }
            });
        });
    }

    /** The 500 an {@link Error} (out of memory, stack overflow) leaves as; the daemon itself keeps serving. */
    private static void writeInternalError(HttpServletResponse res) {
        try {
            if (!res.isCommitted()) {
                res.reset();
                res.setStatus(500);
                res.setContentType("application/json");
                res.getOutputStream().write(JsonErrorHandler.internal());
            }
        } catch (Exception | Error e) {
            LOG.warn("could not answer after a fatal error: {}", e.toString());
        }
    }

    private static Map<String, Object> health(Mesh mesh, long startedAt, LatencyWindow sends) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("version", Version.current());
        out.put("pid", ProcessHandle.current().pid());
        out.put("started_at", startedAt);
        out.put("sessions", mesh.sessions().size());
        long[] p = sends.percentilesMicros();
        out.put("send_handling_us", Map.of("p50", p[0], "p99", p[1], "max", p[2]));
        return out;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error " + status : message));
    }

    /** Starts on 127.0.0.1 at {@code requestedPort} (0 = any free port) and returns the bound port. */
    public int start(int requestedPort) {
        app.start("127.0.0.1", requestedPort);
        port.set(app.port());
        return app.port();
    }

    public int port() {
        return port.get();
    }

    /** Thin hook requests served by {@link ThinHookHandler} rather than Javalin; -1 when it is off. */
    long rawThinServed() {
        return thinHandler == null ? -1 : thinHandler.served();
    }

    /** When a request last started or ended (for the idle exit). */
    long lastActivityMillis() {
        return lastActivity.get();
    }

    public void stop() {
        app.stop();
        thinMcp.close();
    }
}
