package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that stop half-way through a request hold no worker: everyone else keeps being served. */
class StalledClientsTest {
    static final int STALLED = 50;

    @TempDir
    Path tmp;

    TestDaemon d;
    final Sleepers sleepers = new Sleepers();
    final List<Socket> stalled = new ArrayList<>();
    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : stalled) {
            s.close();
        }
        pool.shutdownNow();
        d.close();
        sleepers.close();
    }

    private void stall(String head, String partialBody) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), d.port());
        stalled.add(s);
        OutputStream out = s.getOutputStream();
        out.write((head + partialBody).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String head(String path, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + d.port() + "\r\nAuthorization: Bearer " + d.token
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    @Test
    void fifty_requests_stalled_mid_body_do_not_stop_hooks_health_and_sends() throws Exception {
        d.register("stall-peer", sleepers.start(), "/tmp/work/peer");
        for (int i = 0; i < STALLED; i++) {
            if (i % 2 == 0) {
                stall(head("/v1/messages", "Content-Length: 5000\r\n"), "{\"to\":\"peer\",\"body\":\"");
            } else {
                stall(head("/v1/hooks/UserPromptSubmit", "Transfer-Encoding: chunked\r\n"), "10\r\n{\"input\":{\"se");
            }
        }

        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            answers.add(CompletableFuture.supplyAsync(
                    () -> call(() -> d.client.post(
                            "/v1/hooks/UserPromptSubmit",
                            Map.of("input", Map.of("session_id", "stall-peer", "prompt", "hello " + n)))),
                    pool));
            answers.add(CompletableFuture.supplyAsync(() -> call(() -> d.client.get("/v1/health")), pool));
            answers.add(CompletableFuture.supplyAsync(
                    () -> call(() -> d.client.post("/v1/messages", Map.of("to", "peer", "body", "task " + n))), pool));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<JsonNode> a : answers) {
            assertThat(a.join()).isNotNull();
        }
    }

    interface Call {
        JsonNode run() throws Exception;
    }

    private static JsonNode call(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
