package dev.claudemesh.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sh} process that stands in for a claude (register its {@link #pid()} as a session) or for a
 * person's shell (leave it unregistered), and whose children make requests to the daemon: each {@link #post} runs
 * one {@code curl} as this shell's child, as a Bash tool call inside claude or the thin MCP server's curl would.
 * Ended by pid on close.
 */
public final class ShellSession implements AutoCloseable {
    private final Process sh;
    private final Path dir;
    private final OutputStream in;
    private final BufferedReader out;
    private int calls;

    private ShellSession(Process sh, Path dir) {
        this.sh = sh;
        this.dir = dir;
        this.in = sh.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8));
    }

    /** @param dir a scratch folder for request and answer files */
    public static ShellSession start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Process sh = new ProcessBuilder("sh", "-c", "while IFS= read -r line; do eval \"$line\"; done")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        return new ShellSession(sh, dir);
    }

    public long pid() {
        return sh.pid();
    }

    /** POSTs {@code json} to the daemon from a curl run by this shell (its child process). */
    public RawHttp.Response post(TestDaemon d, String path, String json) throws IOException {
        return post(d, path, json, Map.of());
    }

    /** As {@link #post(TestDaemon, String, String)} with further request headers; the answer keeps its headers. */
    public RawHttp.Response post(TestDaemon d, String path, String json, Map<String, String> headers)
            throws IOException {
        int n = ++calls;
        Path body = dir.resolve("request-" + n + ".json");
        Path answer = dir.resolve("answer-" + n + ".json");
        Path head = dir.resolve("answer-" + n + ".head");
        Files.writeString(body, json, StandardCharsets.UTF_8);
        StringBuilder extra = new StringBuilder();
        headers.forEach(
                (k, v) -> extra.append(" -H '").append(k).append(": ").append(v).append('\''));
        String cmd = "curl -sS -o '" + answer + "' -D '" + head + "' -w '%{http_code}\\n' -H @'"
                + d.home.authHeaderFile() + "' -H 'Content-Type: application/json'" + extra + " --data-binary @'"
                + body + "' 'http://127.0.0.1:" + d.port() + path + "'\n";
        in.write(cmd.getBytes(StandardCharsets.UTF_8));
        in.flush();
        String status = out.readLine();
        if (status == null) {
            throw new IOException("the shell ended; its stderr: " + Files.readString(dir.resolve("stderr.txt")));
        }
        String text = Files.exists(answer) ? Files.readString(answer, StandardCharsets.UTF_8) : "";
        String heads = Files.exists(head) ? Files.readString(head, StandardCharsets.UTF_8) : "";
        return new RawHttp.Response(Integer.parseInt(status.trim()), text, heads);
    }

    @Override
    public void close() throws InterruptedException {
        sh.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
