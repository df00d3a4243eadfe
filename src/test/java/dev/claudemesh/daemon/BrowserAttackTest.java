package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web page in a real headless Chromium, served from loopback, attacks the daemon: it posts a task (a "simple"
 * no-cors request, no preflight), tries to read the API, and does both again through a DNS-rebinding-style host
 * name that resolves to 127.0.0.1. Every attempt is refused and the daemon's state does not change.
 */
class BrowserAttackTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    TestDaemon d;
    final Sleepers sleepers = new Sleepers();
    HttpServer page;
    Process browser;
    final Map<String, String> reports = new ConcurrentHashMap<>();
    String victim;

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(tmp.resolve("mesh"));
        victim = d.register("browser-victim", sleepers.start(), "/tmp/work/victim")
                .path("id")
                .asText();
        page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/attack.html", ex -> {
            byte[] html = attackPage(d.port(), victim).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        page.createContext("/report", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            for (String kv : q == null ? new String[0] : q.split("&")) {
                String[] p = kv.split("=", 2);
                reports.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        page.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            new ProcessBuilder("kill", "-KILL", "--", "-" + browser.pid())
                    .start()
                    .waitFor();
            browser.destroyForcibly();
            browser.waitFor();
        }
        page.stop(0);
        d.close();
        sleepers.close();
    }

    static String attackPage(int port, String victim) {
        String task = "JSON.stringify({to:'" + victim + "',kind:'task',body:'pwned from a web page'})";
        String hook = "JSON.stringify({session_id:'browser-victim',cwd:'/tmp/work/victim',prompt:'pwned'})";
        return """
                <!doctype html><html><body><script>
                // awaited: every report has been stored before the next attempt, and so before 'done'
                const report = (k, v) => fetch('/report?' + k + '=' + encodeURIComponent(v)).catch(() => {});
                const attempt = async (name, url, init) => {
                  try {
                    const r = await fetch(url, init);
                    let text = '';
                    try { text = await r.text(); } catch (e) { text = 'unreadable'; }
                    await report(name, 'status=' + r.status + ' type=' + r.type + ' body=' + text.slice(0, 200));
                  } catch (e) { await report(name, 'blocked: ' + e.name); }
                };
                (async () => {
                  const direct = 'http://127.0.0.1:PORT', rebound = 'http://rebind.test:PORT';
                  await attempt('post_direct', direct + '/v1/messages',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: TASK});
                  await attempt('read_direct', direct + '/v1/sessions', {});
                  await attempt('post_rebound', rebound + '/v1/messages',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: TASK});
                  await attempt('read_rebound', rebound + '/v1/sessions', {mode: 'no-cors'});
                  // the thin hooks' route (ThinHookHandler, in front of Javalin) refuses the same way
                  await attempt('thin_direct', direct + '/v1/thin/UserPromptSubmit',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: HOOK});
                  await attempt('thin_read_direct', direct + '/v1/thin/StatusLine',
                      {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: HOOK});
                  await attempt('thin_rebound', rebound + '/v1/thin/UserPromptSubmit',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: HOOK});
                  report('done', 'yes');
                })();
                </script></body></html>
                """.replace("PORT", Integer.toString(port)).replace("TASK", task).replace("HOOK", hook);
    }

    @Test
    void a_web_page_can_neither_post_a_task_nor_read_the_api_also_through_a_rebound_host_name() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("chromium (installed by .ci/install-test-deps)")
                .isTrue();
        String before =
                d.client.get(Endpoints.messages(victim)).path("messages").toString();
        var session = d.client.get(Endpoints.session(victim));
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        Path chromiumTmp = Files.createDirectories(tmp.resolve("chromium-tmp")); // its sockets stay in our temp dir
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        "setsid",
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--host-resolver-rules=MAP rebind.test 127.0.0.1",
                        "http://127.0.0.1:" + page.getAddress().getPort() + "/attack.html"))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("chromium.log").toFile());
        pb.environment().put("TMPDIR", chromiumTmp.toString());
        browser = pb.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> reports.containsKey("done"));
        System.out.println("what the page saw: " + reports);

        assertThat(reports.get("read_direct")).startsWith("blocked");
        assertThat(reports.get("read_rebound")).doesNotContain("browser-victim").doesNotContain(victim);
        var after = d.client.get(Endpoints.session(victim));
        assertThat(after.path("idle"))
                .as("no hook of the page reached the session")
                .isEqualTo(session.path("idle"));
        assertThat(after.path("last_active")).isEqualTo(session.path("last_active"));
        assertThat(reports).containsKeys("thin_direct", "thin_read_direct", "thin_rebound");
        for (String k : List.of(
                "post_direct",
                "read_direct",
                "post_rebound",
                "read_rebound",
                "thin_direct",
                "thin_read_direct",
                "thin_rebound")) {
            assertThat(reports.get(k)).as(k).doesNotContain("browser-victim").doesNotContain("\"id\"");
        }
        assertThat(d.client.get(Endpoints.messages(victim)).path("messages").toString())
                .isEqualTo(before);
        assertThat(d.client.get(Endpoints.messages(victim)).path("messages").toString())
                .doesNotContain("pwned");
    }
}
