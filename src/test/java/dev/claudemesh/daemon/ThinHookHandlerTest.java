package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.RawBytes;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin hooks' route is served by {@link ThinHookHandler} in front of Javalin: the same requests, sent as the thin
 * hook sends them (HTTP/1.0, Connection: close), get byte for byte the answer the Javalin route gave (status line,
 * every header but Date, body; ids aside, which differ between two daemons), refusals included.
 */
class ThinHookHandlerTest {
    static final String SID = "5e5e5e5e-0000-4000-8000-00000000b17e";

    @TempDir
    Path tmp;

    final Sleepers sleepers = new Sleepers();

    @AfterEach
    void stop() throws Exception {
        sleepers.close();
    }

    @Test
    void the_plain_handler_answers_byte_for_byte_what_the_javalin_route_answered() throws Exception {
        long claude = sleepers.start();
        Map<String, String> raw = scenario("raw", true, claude);
        Map<String, String> javalin = scenario("javalin", false, claude);
        assertThat(raw.get("prompt with a task waiting"))
                .contains("X-Claudemesh-Thin: 1", "X-Claudemesh-Lease: <id>", "compare me")
                .startsWith("HTTP/1.1 200 OK\r\n")
                .containsPattern("Content-Length: \\d+\r\n");
        assertThat(raw.get("no token")).startsWith("HTTP/1.1 401 ");
        assertThat(raw).containsExactlyEntriesOf(javalin);
    }

    /** Each request's answer from a daemon with ({@code rawThin}) or without the plain handler, ids replaced. */
    private Map<String, String> scenario(String name, boolean rawThin, long claude) throws Exception {
        System.setProperty(DaemonApp.RAW_THIN_PROPERTY, Boolean.toString(rawThin));
        TestDaemon d;
        try {
            d = TestDaemon.start(tmp.resolve(name));
        } finally {
            System.clearProperty(DaemonApp.RAW_THIN_PROPERTY);
        }
        try (d) {
            String id = d.register(SID, claude, "/tmp/work/byte").path("id").asText();
            d.client.post("/v1/messages", Map.of("to", id, "kind", "task", "body", "compare me"));
            String q = "?claude_pid=" + claude + "&hook_pid=" + claude;
            String hook = "{\"session_id\":\"" + SID + "\",\"cwd\":\"/tmp/work/byte\",\"hook_event_name\":\"%s\"%s}";
            String auth = "Authorization: Bearer " + d.token + "\r\n";
            String json = "Content-Type: application/json\r\n";
            Map<String, String> out = new LinkedHashMap<>();
            out.put(
                    "prompt with a task waiting",
                    send(
                            d,
                            "UserPromptSubmit" + q,
                            auth + json,
                            String.format(hook, "UserPromptSubmit", ",\"prompt\":\"go\"")));
            out.put("status line", send(d, "StatusLine" + q, auth + json, String.format(hook, "StatusLine", "")));
            out.put(
                    "stop",
                    send(d, "Stop" + q, auth + json, String.format(hook, "Stop", ",\"stop_hook_active\":false")));
            out.put(
                    "prompt, nothing waiting",
                    send(
                            d,
                            "UserPromptSubmit" + q,
                            auth + json + "X-Claudemesh-Builtin: 0\r\n",
                            String.format(hook, "UserPromptSubmit", ",\"prompt\":\"again\"")));
            out.put(
                    "unknown session, no pid",
                    send(d, "Stop", auth + json, "{\"session_id\":\"nobody\",\"cwd\":\"/tmp\"}"));
            out.put("unknown event", send(d, "Notification" + q, auth + json, String.format(hook, "Notification", "")));
            out.put("empty body", send(d, "Stop" + q, auth + json, ""));
            out.put("not json", send(d, "Stop" + q, auth + json, "{not json"));
            out.put("not an object", send(d, "Stop" + q, auth + json, "[1]"));
            out.put("bad pid", send(d, "Stop?claude_pid=12a", auth + json, String.format(hook, "Stop", "")));
            out.put("no token", send(d, "Stop" + q, json, String.format(hook, "Stop", "")));
            out.put(
                    "wrong token",
                    send(
                            d,
                            "Stop" + q,
                            "Authorization: Bearer x" + d.token.substring(1) + "\r\n" + json,
                            String.format(hook, "Stop", "")));
            out.put(
                    "origin",
                    send(
                            d,
                            "Stop" + q,
                            auth + json + "Origin: http://127.0.0.1:" + d.port() + "\r\n",
                            String.format(hook, "Stop", "")));
            out.put("text body", send(d, "Stop" + q, auth + "Content-Type: text/plain\r\n", "{}"));
            out.put(
                    "over a mebibyte",
                    send(
                            d,
                            "Stop" + q,
                            auth + json,
                            "{\"session_id\":\"" + "x".repeat((int) DaemonApp.MAX_REQUEST_BYTES) + "\"}"));
            out.put(
                    "foreign host",
                    exchange(
                            d,
                            "POST /v1/thin/Stop" + q + " HTTP/1.0\r\nHost: evil.example:" + d.port() + "\r\n" + auth
                                    + json + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
            out.put(
                    "localhost host",
                    exchange(
                            d,
                            "POST /v1/thin/StatusLine" + q + " HTTP/1.0\r\nHost: localhost:" + d.port() + "\r\n" + auth
                                    + json + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
            assertThat(d.daemon.app().rawThinServed())
                    .as(name + ": requests the plain handler took")
                    .isEqualTo(rawThin ? out.size() : -1);
            String[] lease = {null};
            out.values().stream()
                    .filter(a -> a.contains("X-Claudemesh-Lease: l_"))
                    .findFirst()
                    .ifPresent(a -> lease[0] =
                            a.substring(a.indexOf("X-Claudemesh-Lease: ") + 20).split("\r\n")[0]);
            assertThat(lease[0]).as(name + ": a lease was handed out").isNotNull();
            Map<String, String> normal = new LinkedHashMap<>();
            out.forEach((k, v) -> normal.put(
                    k,
                    v.replace(id, "<session>")
                            .replace(":" + d.port(), ":<port>")
                            .replaceAll("\\b[lm]_[a-z0-9]{12}\\b", "<id>")
                            .replaceAll("sent=\\\\\"[^\\\\]*\\\\\"", "sent=<when>")));
            return normal;
        }
    }

    /** One request as the thin hook sends it; the answer read to the end of the connection, Date removed. */
    private static String send(TestDaemon d, String pathAndQuery, String headers, String body) throws Exception {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return exchange(
                d,
                "POST /v1/thin/" + pathAndQuery + " HTTP/1.0\r\nHost: 127.0.0.1:" + d.port() + "\r\n" + headers
                        + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static String exchange(TestDaemon d, String request) throws Exception {
        RawBytes.Answer a = RawBytes.send(d.port(), request.getBytes(StandardCharsets.UTF_8));
        List<String> head = new ArrayList<>();
        for (String line : a.head().split("\r\n")) {
            if (!line.startsWith("Date:")) {
                head.add(line);
            }
        }
        return String.join("\r\n", head) + "\r\n\r\n" + a.body();
    }
}
