package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fake Anthropic Messages API on 127.0.0.1 (random port) for running the real {@code claude} offline.
 *
 * <p>{@code POST /v1/messages} answers with the next {@linkplain #enqueue queued reply} if the request is a
 * main-conversation turn and one is queued, otherwise with the {@linkplain #respondWith responder}
 * (default: text "ok"). Streaming requests get SSE exactly like the real API; non-streaming ones one JSON
 * message. {@code count_tokens}, {@code HEAD /api/hello} and every other path get a harmless 200. Every
 * request is recorded; tests wait for one with {@link #awaitRequest}.
 */
public final class FakeAnthropicApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ReplyWriter writer = new ReplyWriter(JSON);
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<Reply> queuedMainReplies = new ArrayDeque<>();
    private final List<Hold> holds = new ArrayList<>();
    private volatile Responder responder = Responder.text("ok");

    private FakeAnthropicApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts the server on a free loopback port. */
    public static FakeAnthropicApi start() {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-anthropic-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            FakeAnthropicApi api = new FakeAnthropicApi(server, executor);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IllegalStateException("Could not start the fake Anthropic API on 127.0.0.1", e);
        }
    }

    /** The value for {@code ANTHROPIC_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Replaces the fallback responder used when no queued reply applies. */
    public FakeAnthropicApi respondWith(Responder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /** Queues replies for the next main-conversation requests, one each, in order. */
    public FakeAnthropicApi enqueue(Reply... replies) {
        synchronized (queuedMainReplies) {
            for (Reply reply : replies) {
                queuedMainReplies.add(Objects.requireNonNull(reply, "reply"));
            }
        }
        return this;
    }

    /** A snapshot of every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> mainRequests() {
        return requests().stream().filter(RecordedRequest::isMain).collect(Collectors.toList());
    }

    /** How many requests have arrived; pass it to {@link #awaitRequestAfter} to wait only for newer ones. */
    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    /** Waits for the first request (already received or future) that matches. */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> condition, Duration timeout) {
        return awaitRequestAfter(0, condition, timeout);
    }

    /** Waits for a matching request with {@code index >= fromIndex}. */
    public RecordedRequest awaitRequestAfter(int fromIndex, Predicate<RecordedRequest> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            int checked = fromIndex;
            while (true) {
                for (; checked < requests.size(); checked++) {
                    if (condition.test(requests.get(checked))) {
                        return requests.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No matching request to the fake Anthropic API within "
                            + timeout.toMillis() + " ms. Received:\n"
                            + requests.stream().map(RecordedRequest::summary).collect(Collectors.joining("\n")));
                }
                try {
                    requests.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for a request", e);
                }
            }
        }
    }

    /** Waits for a main-conversation request whose messages contain {@code text}. */
    public RecordedRequest awaitMainRequestContaining(String text, Duration timeout) {
        return awaitRequest(r -> r.isMain() && r.containsText(text), timeout);
    }

    @Override
    public void close() {
        server.stop(0);
        synchronized (holds) {
            holds.forEach(Hold::abandon);
        }
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        try (exchange) {
            RecordedRequest request = record(exchange, arrival);
            if (request.method().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else if (request.isMessages()) {
                Reply reply = chooseReply(request);
                if (reply instanceof Reply.Held held) {
                    synchronized (holds) {
                        holds.add(held.hold());
                    }
                }
                writer.write(exchange, request, reply);
            } else if (request.path().endsWith("/count_tokens")) {
                int estimate = Math.max(1, request.rawBody().length() / 4);
                ReplyWriter.send(
                        exchange, 200, ("{\"input_tokens\":" + estimate + "}").getBytes(StandardCharsets.UTF_8));
            } else {
                ReplyWriter.send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // claude hung up (e.g. it was killed mid-stream): nothing to answer
        }
    }

    private Reply chooseReply(RecordedRequest request) {
        if (request.isMain()) {
            synchronized (queuedMainReplies) {
                Reply queued = queuedMainReplies.poll();
                if (queued != null) {
                    return queued;
                }
            }
        }
        Reply reply = responder.reply(request);
        return reply != null ? reply : Reply.text("ok");
    }

    private RecordedRequest record(HttpExchange exchange, long arrival) throws IOException {
        String raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode body = null;
        if (!raw.isBlank()) {
            try {
                body = JSON.readTree(raw);
            } catch (IOException notJson) {
                body = null;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        URI uri = exchange.getRequestURI();
        synchronized (requests) {
            RecordedRequest request = new RecordedRequest(
                    requests.size(),
                    arrival,
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    uri.getRawQuery(),
                    headers,
                    body,
                    raw);
            requests.add(request);
            requests.notifyAll();
            return request;
        }
    }
}
