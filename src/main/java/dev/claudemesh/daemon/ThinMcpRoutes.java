package dev.claudemesh.daemon;

import dev.claudemesh.Version;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.client.Transport;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.mcp.SharedMcpServer;
import dev.claudemesh.mesh.Caller;
import dev.claudemesh.mesh.RefusedException;
import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.Reason;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The MCP server of the thin launcher: {@code POST /v1/thin-mcp/message?mcp_pid=&claude_pid=} with one line claude
 * wrote to its MCP server's stdin as the body, answered with the line to print back (text/plain, empty for a
 * notification) and {@code X-Claudemesh-Mcp}: {@code answer}, {@code none}, or {@code unknown} (this daemon has no
 * session for that MCP server, e.g. it restarted: the launcher initializes again). {@code X-Claudemesh-Session-Id}
 * ({@code CLAUDE_CODE_SESSION_ID}), {@code X-Claudemesh-Session} ({@code CLAUDEMESH_SESSION}) and {@code
 * X-Claudemesh-Builtin} carry what the stdio server reads from its environment; {@code X-Claudemesh-Mcp-Introduced:
 * 1} says the launcher already sent claude's initialize. {@code POST
 * /v1/thin-mcp/end?mcp_pid=} drops the session when the launcher's stdin ended.
 *
 * <p>{@link SharedMcpServer} runs the stdio server's tools, which reach this daemon through its own HTTP API; they
 * run on a small pool of their own so that a tool call never holds one of the HTTP workers its requests need. The
 * MCP SDK is loaded only when the first thin MCP message arrives.
 */
final class ThinMcpRoutes implements AutoCloseable {
    static final String VERDICT = "X-Claudemesh-Mcp";
    /** 1 once the launcher has sent claude's initialize (a daemon without its session then says unknown). */
    static final String INTRODUCED = "X-Claudemesh-Mcp-Introduced";

    static final int THREADS = 4;

    private final String token;
    private final IntSupplier port;
    private final long startedAt;
    private final Callers callers;
    private SharedMcpServer server;
    private ThreadPoolExecutor pool;

    ThinMcpRoutes(String token, IntSupplier port, long startedAt, Callers callers) {
        this.token = token;
        this.port = port;
        this.startedAt = startedAt;
        this.callers = callers;
    }

    void register(RoutesConfig r) {
        r.post(Endpoints.Routes.THIN_MCP_MESSAGE, this::message);
        r.post(Endpoints.Routes.THIN_MCP_END, this::end);
    }

    private void message(Context ctx) {
        long mcpPid = processId(ctx);
        requireRelayedBy(ctx, mcpPid);
        SharedMcpServer.Client client = new SharedMcpServer.Client(
                mcpPid,
                orZero(ThinHookRoutes.pid(ctx, "claude_pid")),
                blankToNull(ctx.header("X-Claudemesh-Session-Id")),
                blankToNull(ctx.header("X-Claudemesh-Session")),
                builtin(ctx.header("X-Claudemesh-Builtin")));
        String line = ctx.body();
        boolean introduced = "1".equals(ctx.header(INTRODUCED));
        SharedMcpServer mcp = server();
        ctx.header(ThinHookRoutes.THIN_HEADER, "1");
        ctx.future(() -> CompletableFuture.supplyAsync(() -> mcp.handle(client, line, introduced), pool())
                .handle((answer, failure) -> {
                    if (failure != null) {
                        ctx.status(500).result("");
                    } else if (answer.unknownClient()) {
                        ctx.header(VERDICT, "unknown")
                                .contentType("text/plain; charset=utf-8")
                                .result("");
                    } else if (answer.line() == null) {
                        ctx.header(VERDICT, "none")
                                .contentType("text/plain; charset=utf-8")
                                .result("");
                    } else {
                        ctx.header(VERDICT, "answer")
                                .contentType("text/plain; charset=utf-8")
                                .result(answer.line());
                    }
                    return null;
                }));
    }

    private void end(Context ctx) {
        long pid = processId(ctx);
        requireRelayedBy(ctx, pid); // only the server itself (its curl) ends it
        boolean had = server != null && server().end(pid);
        ctx.header(ThinHookRoutes.THIN_HEADER, "1").json(java.util.Map.of("ended", had));
    }

    /**
     * The line must come from the MCP server process it names or one of its children (the launcher's curl): the
     * tools act for that process (who sends a message is derived from it), so naming another one is refused. Every
     * line is checked, by that process tree's fds only ({@link Callers#relayedBy}); only a refusal looks for who
     * the caller was.
     */
    private void requireRelayedBy(Context ctx, long mcpPid) {
        if (!callers.relayedBy(ctx, mcpPid)) {
            Caller c = callers.of(ctx);
            throw new RefusedException(
                    Reason.SENDER_MISMATCH,
                    "this MCP message names MCP server process " + mcpPid + ", but it comes from " + c.describe()
                            + ", which is not that process or one of its children");
        }
    }

    private static long processId(Context ctx) {
        Long pid = ThinHookRoutes.pid(ctx, "mcp_pid");
        if (pid == null) {
            throw new InvalidInputException("query parameter 'mcp_pid' is required (the MCP server's pid)");
        }
        return pid;
    }

    /** {@code 1 <socket>} when claude's own messaging is on, as the thin hooks send it. */
    static boolean builtin(String header) {
        return header != null && header.startsWith("1 ") && header.length() > 2;
    }

    private static long orZero(Long pid) {
        return pid == null ? 0 : pid;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private synchronized SharedMcpServer server() {
        if (server == null) {
            DaemonState self =
                    new DaemonState(port.getAsInt(), ProcessHandle.current().pid(), Version.current(), startedAt);
            server = new SharedMcpServer(
                    pid -> Transport.selfOnBehalfOf(self, token, pid),
                    pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        return server;
    }

    private synchronized ThreadPoolExecutor pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "claudemesh-mcp-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
