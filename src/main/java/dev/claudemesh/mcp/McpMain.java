package dev.claudemesh.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.claudemesh.Version;
import dev.claudemesh.api.WireJson;
import dev.claudemesh.client.DaemonStarter;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.mesh.BuiltinGuidance;
import dev.claudemesh.session.BuiltinMessaging;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code claudemesh mcp}: the stdio MCP server claude starts for each session. The real stdout carries the
 * protocol and nothing else (System.out is pointed at stderr, logs go to stderr); it runs until its input ends.
 */
public final class McpMain {
    static final String INSTRUCTIONS = "claudemesh connects the Claude Code sessions running on this machine."
            + " list_instances shows them; send_message hands one a task (it acts on it and reports back) or a note"
            + " (information only); read_history, search_history and get_turn read another session's conversation."
            + " Messages from other sessions reach you inside <claudemesh-message> envelopes: act on tasks, then"
            + " answer with send_message(to: the sender's id, in_reply_to: the message id).";

    /** The hidden argument of {@link #ensureDaemon}. */
    public static final String ENSURE_DAEMON = "--ensure-daemon";

    /** After stdin ends, how long requests already received may take to be answered (search + identity wait). */
    static final long ANSWER_GRACE_MILLIS = 30_000;

    private McpMain() {}

    /** The tools, in the order clients list them. */
    static List<MeshTool> tools() {
        return tools(false);
    }

    /** @param builtin whether Claude Code's own messaging is on for this session (its descriptions then say so) */
    static List<MeshTool> tools(boolean builtin) {
        return List.of(
                new WhoamiTool(),
                new ListInstancesTool(builtin),
                new SendMessageTool(builtin),
                new ReadInboxTool(),
                new ReadHistoryTool(),
                new SearchHistoryTool(),
                new GetTurnTool());
    }

    /** Entry from {@code Main}: takes over the process's stdin and stdout until stdin ends. */
    public static int main(String[] args, Map<String, String> env) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (args.length == 1 && args[0].equals(ENSURE_DAEMON)) {
            return ensureDaemon(MeshHome.fromEnv(env));
        }
        if (args.length > 0) {
            System.err.println("claudemesh mcp: the MCP server claude runs (stdio); it takes no arguments."
                    + " `claudemesh install` registers it with Claude Code.");
            return args[0].equals("--help") || args[0].equals("-h") ? 0 : 2;
        }
        McpContext ctx =
                new McpContext(DaemonLink.autostarting(MeshHome.fromEnv(env)), SelfIdentity.fromEnvironment(env));
        try {
            serve(System.in, stdout, ctx, BuiltinMessaging.seenIn(env));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * {@code claudemesh mcp --ensure-daemon} (the thin launcher's, before it hands claude's messages to the daemon):
     * starts the home's daemon in the background when none of this version runs and waits until it answers; exit 0
     * once it does, 1 with the reason on stderr.
     */
    static int ensureDaemon(MeshHome home) {
        try {
            new DaemonStarter(home).connect(true);
            return 0;
        } catch (DaemonUnavailableException e) {
            System.err.println("claudemesh mcp: " + e.getMessage());
            return 1;
        }
    }

    /** Serves MCP on {@code in}/{@code out} until {@code in} ends, then lets running tool calls finish. */
    static void serve(InputStream in, OutputStream out, McpContext ctx) throws InterruptedException {
        serve(in, out, ctx, false);
    }

    static void serve(InputStream in, OutputStream out, McpContext ctx, boolean builtin) throws InterruptedException {
        ObjectMapper json = WireJson.mapper();
        JacksonMcpJsonMapper mcpJson = new JacksonMcpJsonMapper(new ObjectMapper());
        ProtocolOutput protocolOut = new ProtocolOutput(out);
        ProtocolInput protocolIn = new ProtocolInput(in, protocolOut, json, ANSWER_GRACE_MILLIS);
        ToolRunner runner = new ToolRunner(exchange -> ctx, toolJson());
        McpSyncServer server = server(
                new StdioServerTransportProvider(mcpJson, protocolIn, protocolOut), mcpJson, runner, builtin, false);
        protocolIn.awaitEnd(Long.MAX_VALUE, TimeUnit.DAYS);
        protocolOut.awaitResponses(protocolIn.requests(), ANSWER_GRACE_MILLIS);
        server.closeGracefully();
    }

    /** The mapper tool results are written with. */
    static ObjectMapper toolJson() {
        return WireJson.mapper().copy().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The claudemesh MCP server on {@code transport}: one definition for the stdio server and the one the daemon
     * hosts for thin clients, so both answer initialize and tools/list alike.
     *
     * @param immediate run tool calls on the thread that hands the message in (the daemon's own pool) instead of
     *     the SDK's scheduler
     */
    static McpSyncServer server(
            McpServerTransportProvider transport,
            JacksonMcpJsonMapper mcpJson,
            ToolRunner runner,
            boolean builtin,
            boolean immediate) {
        return McpServer.sync(transport)
                .serverInfo("claudemesh", Version.current())
                .instructions(builtin ? INSTRUCTIONS + " " + BuiltinGuidance.BOTH : INSTRUCTIONS)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonSchemaValidator(new TrustingValidator())
                .validateToolInputs(false)
                .immediateExecution(immediate)
                .tools(tools(builtin).stream().map(t -> runner.spec(t, mcpJson)).toList())
                .build();
    }

    /**
     * The tools check their own arguments (with sentences a model can act on), so the SDK's schema validator, a
     * sizeable library, is never loaded. The schemas themselves are checked in the test suite.
     */
    private static final class TrustingValidator implements JsonSchemaValidator {
        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            return ValidationResponse.asValid(null);
        }
    }
}
