package dev.claudemesh.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The SDK's view of {@link SharedMcpServer}'s clients: one {@link McpServerSession} per client, whose answers are
 * caught as JSON lines (serialized as the stdio transport does) and handed to whoever waits for that request id.
 * The server never sends requests or notifications of its own (its tool list never changes), so nothing else is
 * written.
 */
final class LineTransports implements McpServerTransportProvider {
    private final McpJsonMapper json;
    private volatile McpServerSession.Factory factory;

    LineTransports(McpJsonMapper json) {
        this.json = json;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        this.factory = factory;
    }

    /** A new SDK session, and the line transport its answers go to. */
    Line open() {
        Line line = new Line();
        line.session = factory.create(line);
        return line;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.empty();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /** One client's transport: answers by request id. */
    final class Line implements McpServerTransport {
        private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
        private McpServerSession session;

        McpServerSession session() {
            return session;
        }

        /** Where the answer to request {@code id} will arrive; call before handing the request in. */
        CompletableFuture<String> expect(Object id) {
            CompletableFuture<String> f = new CompletableFuture<>();
            waiting.put(key(id), f);
            return f;
        }

        void forget(Object id) {
            waiting.remove(key(id));
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                if (message instanceof McpSchema.JSONRPCResponse r && r.id() != null) {
                    CompletableFuture<String> f = waiting.remove(key(r.id()));
                    if (f != null) {
                        f.complete(write(message));
                    }
                }
            });
        }

        private String write(Object message) {
            try {
                return json.writeValueAsString(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            waiting.values().forEach(f -> f.cancel(false));
            waiting.clear();
        }

        private static String key(Object id) {
            return id instanceof String s ? "s:" + s : "n:" + id;
        }
    }
}
