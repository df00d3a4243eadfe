package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.api.WireJson;
import dev.claudemesh.client.Transport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * The claudemesh MCP server for many clients in one process: the daemon hosts it for the thin launcher, which hands
 * it claude's messages one line at a time. It is the stdio server's definition ({@link McpMain#server}: the same
 * tools, descriptions, instructions and answers), one SDK session per client. Per client it keeps what the stdio
 * server keeps in memory (the SDK session with its initialize state, this session's {@link SelfIdentity}, whose
 * registration wait starts at initialize), keyed by the client's process; at most {@link #MAX_CLIENTS} (least
 * recently used go first), and a client whose process is gone is dropped at the next initialize.
 */
public final class SharedMcpServer {
    public static final int MAX_CLIENTS = 256;
    /** Longest a message may take (a tool's own daemon calls time out at 20 s; identity waits 5 s). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Who sends a message: the MCP server process (the thin launcher), and what tells its claude session, as
     * {@link SelfIdentity} takes it: claude's pid (the launcher's parent), {@code CLAUDE_CODE_SESSION_ID}, {@code
     * CLAUDEMESH_SESSION} (null when unset) and whether claude's own messaging is on.
     */
    public record Client(long processId, long claudePid, String sessionId, String explicitSession, boolean builtin) {}

    /** One line to print ({@code null}: nothing, a notification), or: this client is unknown, initialize again. */
    public record Answer(String line, boolean unknownClient) {
        static final Answer NONE = new Answer(null, false);
        static final Answer UNKNOWN = new Answer(null, true);
    }

    private record Hosted(LineTransports transports, McpSyncServer server) {}

    private record Connected(Client client, LineTransports.Line line, McpContext ctx) {}

    private final LongFunction<Transport> daemon;
    private final LongPredicate alive;
    private final int maxClients;
    private final ObjectMapper json = WireJson.mapper();
    private final JacksonMcpJsonMapper mcpJson = new JacksonMcpJsonMapper(new ObjectMapper());
    private final Hosted[] hosted = new Hosted[2];
    private final LinkedHashMap<Long, Connected> clients = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Connected> bySdkSession = new ConcurrentHashMap<>();

    /**
     * @param daemon how a client's tools reach the daemon (its own HTTP API), given the client's process: the
     *     daemon derives who sends a message from that process, as it does for the stdio server
     * @param alive whether a client's process still runs
     */
    public SharedMcpServer(LongFunction<Transport> daemon, LongPredicate alive) {
        this(daemon, alive, MAX_CLIENTS);
    }

    SharedMcpServer(LongFunction<Transport> daemon, LongPredicate alive, int maxClients) {
        this.daemon = daemon;
        this.alive = alive;
        this.maxClients = maxClients;
    }

    /**
     * Handles one line from {@code client}; blocks while a tool runs.
     *
     * @param introduced whether the client already sent its initialize (to this daemon or one before it): then a
     *     client without a session here is {@link Answer#unknownClient() unknown}; before, it gets one (claude's
     *     first message is a {@code server/discover} probe, answered as the stdio server answers it)
     */
    public Answer handle(Client client, String line, boolean introduced) {
        String text = line.strip();
        if (text.isEmpty()) {
            return Answer.NONE;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            return error(null, -32700, ProtocolInput.PARSE_ERROR);
        }
        String problem = ProtocolInput.problem(node);
        if (problem != null) {
            return error(ProtocolInput.validId(node), -32600, "Invalid Request: " + problem);
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mcpJson, text);
        } catch (IOException | RuntimeException e) {
            return error(ProtocolInput.validId(node), -32600, "Invalid Request: " + e.getMessage());
        }
        Object id = message instanceof McpSchema.JSONRPCRequest r ? r.id() : null;
        Connected c = id != null && "initialize".equals(node.path("method").asText()) ? connect(client) : find(client);
        if (c == null && !introduced) {
            c = connect(client);
        }
        if (c == null) {
            return Answer.UNKNOWN;
        }
        CompletableFuture<String> answer = id == null ? null : c.line().expect(id);
        try {
            c.line().session().handle(message).block(ANSWER_TIMEOUT);
        } catch (RuntimeException e) {
            if (id == null) {
                return Answer.NONE;
            }
            c.line().forget(id);
            return error(
                    id,
                    -32603,
                    "claudemesh could not answer " + node.path("method").asText() + ": " + e);
        }
        if (answer == null) {
            return Answer.NONE;
        }
        String out = answer.getNow(null);
        if (out == null) {
            c.line().forget(id);
            return error(
                    id,
                    -32603,
                    "claudemesh gave no answer to " + node.path("method").asText());
        }
        return new Answer(out, false);
    }

    /** Forgets {@code processId}'s session (its MCP server ended); true if there was one. */
    public synchronized boolean end(long processId) {
        Connected c = clients.remove(processId);
        if (c != null) {
            close(c);
        }
        return c != null;
    }

    /** How many clients it keeps a session for. */
    public synchronized int clients() {
        return clients.size();
    }

    private synchronized Connected find(Client client) {
        Connected c = clients.get(client.processId());
        return c != null && c.client().equals(client) ? c : null;
    }

    /** A new session for {@code client} (initialize), replacing any it had; drops clients that are gone. */
    private synchronized Connected connect(Client client) {
        end(client.processId());
        for (Iterator<Connected> it = clients.values().iterator(); it.hasNext(); ) {
            Connected c = it.next();
            if (!alive.test(c.client().processId())) {
                it.remove();
                close(c);
            }
        }
        while (clients.size() >= maxClients) {
            Iterator<Connected> eldest = clients.values().iterator();
            Connected c = eldest.next();
            eldest.remove();
            close(c);
        }
        SelfIdentity self = new SelfIdentity(
                client.explicitSession(),
                client.claudePid(),
                client.sessionId(),
                System.nanoTime() + SelfIdentity.REGISTRATION_WAIT.toNanos());
        LineTransports.Line line = hosted(client.builtin()).transports().open();
        Connected c = new Connected(
                client, line, new McpContext(new DaemonLink(daemon.apply(client.processId()), false), self));
        clients.put(client.processId(), c);
        bySdkSession.put(line.session().getId(), c);
        return c;
    }

    private void close(Connected c) {
        bySdkSession.remove(c.line().session().getId());
        c.line().session().close();
    }

    /** The server for sessions with or without claude's own messaging (their descriptions differ), made once. */
    private synchronized Hosted hosted(boolean builtin) {
        int i = builtin ? 1 : 0;
        if (hosted[i] == null) {
            LineTransports transports = new LineTransports(mcpJson);
            ToolRunner runner = new ToolRunner(
                    exchange -> {
                        Connected c = bySdkSession.get(exchange.sessionId());
                        return c == null ? null : c.ctx();
                    },
                    McpMain.toolJson());
            hosted[i] = new Hosted(transports, McpMain.server(transports, mcpJson, runner, builtin, true));
        }
        return hosted[i];
    }

    private Answer error(Object id, int code, String message) {
        try {
            return new Answer(json.writeValueAsString(ProtocolInput.rejection(json, id, code, message)), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
