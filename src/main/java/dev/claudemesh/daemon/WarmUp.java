package dev.claudemesh.daemon;

import dev.claudemesh.api.Endpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exercises a young daemon's hot request paths over loopback, so the JIT compiles them before claude's prompts need
 * them: the thin hook routes (UserPromptSubmit, StatusLine, Stop), exactly as the thin hook sends them (HTTP/1.0,
 * Connection: close, the token), and health. Side-effect free: the hook requests carry a session id that exists
 * nowhere and no pid, so nothing is registered, stored, published or logged (the hook handler answers nothing for a
 * session it cannot register). Paced (it starts after {@code delayMillis} and sleeps {@code pauseMillis} between
 * requests) so it does not compete with the claude that just started the daemon; {@link #close()} stops it at once.
 * One log line when it is done.
 */
final class WarmUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** A well-formed Claude Code session id that no claude ever had. */
    static final String NOBODY = "00000000-0000-4000-8000-00000000c0de";

    static final String[] EVENTS = {"UserPromptSubmit", "StatusLine", "Stop"};

    /** How much to warm up: rounds of every route, after a delay, with a pause between requests. */
    record Settings(boolean enabled, int rounds, long delayMillis, long pauseMillis) {
        /** From system properties {@code claudemesh.warmup[.rounds|.delay|.pause]} (for benchmarks), else defaults. */
        static Settings fromSystemProperties() {
            return new Settings(
                    Boolean.parseBoolean(System.getProperty("claudemesh.warmup", "true")),
                    Integer.getInteger("claudemesh.warmup.rounds", 60),
                    Long.getLong("claudemesh.warmup.delay", 2_000L),
                    Long.getLong("claudemesh.warmup.pause", 10L));
        }
    }

    private final int port;
    private final String token;
    private final Settings settings;
    private final Thread thread;
    private volatile boolean closed;

    private WarmUp(int port, String token, Settings settings) {
        this.port = port;
        this.token = token;
        this.settings = settings;
        this.thread = new Thread(this::run, "claudemesh-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts warming up the daemon on {@code port}; a no-op one when {@code settings} say it is off. */
    static WarmUp start(int port, String token, Settings settings) {
        WarmUp w = new WarmUp(port, token, settings);
        if (settings.enabled() && settings.rounds() > 0) {
            w.thread.start();
        }
        return w;
    }

    /** Waits for it to end (tests). */
    void join() throws InterruptedException {
        if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
            thread.join();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        int requests = 0;
        int refused = 0;
        try {
            Thread.sleep(settings.delayMillis());
            for (int round = 0; round < settings.rounds() && !closed; round++) {
                for (int i = 0; i <= EVENTS.length; i++) {
                    byte[] request = i < EVENTS.length ? hookRequest(EVENTS[i], round) : healthRequest();
                    refused += exchange(request) ? 0 : 1;
                    requests++;
                    Thread.sleep(settings.pauseMillis());
                }
            }
        } catch (InterruptedException stopping) {
            return; // the daemon is stopping: nothing to say
        } catch (IOException e) {
            if (!closed) {
                LOG.info("warm-up stopped after {} requests: {}", requests, e.toString());
            }
            return;
        }
        if (!closed) {
            LOG.info(
                    "warm-up: {} requests in {} ms{}",
                    requests,
                    (System.nanoTime() - t0) / 1_000_000,
                    refused == 0 ? "" : ", " + refused + " not answered 200");
        }
    }

    private byte[] hookRequest(String event, int round) {
        String body = "{\"session_id\":\"" + NOBODY + "\",\"transcript_path\":\"/nonexistent/warm-up.jsonl\","
                + "\"cwd\":\"/nonexistent\",\"permission_mode\":\"default\",\"hook_event_name\":\"" + event + "\""
                + (event.equals("UserPromptSubmit") ? ",\"prompt\":\"warm-up " + round + "\"" : "")
                + (event.equals("Stop") ? ",\"stop_hook_active\":false" : "") + "}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + Endpoints.THIN_HOOKS + event + "?claude_pid=0&hook_pid=0 HTTP/1.0\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\nX-Claudemesh-Builtin: 0\r\nX-Claudemesh-Claude-Config: \r\n"
                + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    private byte[] healthRequest() {
        return ("GET " + Endpoints.HEALTH + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                        + token + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One request, its answer read to the end; whether it was a 200. */
    private boolean exchange(byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.readNBytes(buf, 0, 12); // "HTTP/1.1 200"
            boolean ok = n == 12 && new String(buf, 9, 3, StandardCharsets.US_ASCII).equals("200");
            while (in.read(buf) >= 0) {
                // drain the answer; the daemon closes the connection after it
            }
            return ok;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
