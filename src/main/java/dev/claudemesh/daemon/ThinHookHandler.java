package dev.claudemesh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.mesh.HookHandler;
import dev.claudemesh.mesh.HookInput;
import dev.claudemesh.mesh.HookReply;
import dev.claudemesh.session.MeshException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin hooks' route ({@link ThinHookRoutes}: {@code POST /v1/thin/<event>} with a Content-Length) served by a
 * plain Jetty handler in front of Javalin: the same checks ({@link SecurityFilter#refusal}), the same input and
 * answer, without Javalin's context, router and before/after handlers, which were a third of a young daemon's CPU
 * per hook request (packaging/bench daemon-young). Anything else, and any request of that path it does not take
 * (another method, no Content-Length, an event name that is not plain letters), goes on to Javalin unchanged.
 */
final class ThinHookHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(ThinHookHandler.class);
    private static final String PREFIX = dev.claudemesh.api.Endpoints.THIN_HOOKS;
    private static final HttpField TEXT = new HttpField(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final HookHandler hooks;
    private final ObjectMapper json;
    private final HookOutput output;
    private final SecurityFilter security;
    private final Runnable touch;
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();

    /** @param touch called when a request starts and ends (the daemon's idle clock) */
    ThinHookHandler(Handler next, HookHandler hooks, ObjectMapper json, SecurityFilter security, Runnable touch) {
        super(next);
        this.hooks = hooks;
        this.json = json;
        this.output = new HookOutput(json);
        this.security = security;
        this.touch = touch;
    }

    /** The event of a request this handler takes, else null. */
    static String event(String method, String path, long contentLength) {
        if (!"POST".equals(method) || path == null || !path.startsWith(PREFIX) || contentLength < 0) {
            return null;
        }
        int n = path.length() - PREFIX.length();
        if (n < 1 || n > 64) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return null;
            }
        }
        return path.substring(PREFIX.length());
    }

    @Override
    public boolean handle(Request req, Response res, Callback cb) throws Exception {
        HttpFields h = req.getHeaders();
        long length = h.getLongField(HttpHeader.CONTENT_LENGTH);
        String event = event(req.getMethod(), req.getHttpURI().getPath(), length);
        if (event == null) {
            return super.handle(req, res, cb);
        }
        touch.run();
        served.incrementAndGet();
        try {
            SecurityFilter.Refusal refused = security.refusal(
                    h.get(HttpHeader.HOST),
                    h.get(HttpHeader.ORIGIN),
                    h.get(HttpHeader.AUTHORIZATION),
                    req.getMethod(),
                    length,
                    h.get(HttpHeader.CONTENT_TYPE));
            if (refused != null) {
                error(res, cb, refused.status(), refused.message());
                return true;
            }
            answer(req, res, cb, event);
        } catch (MeshException e) {
            error(res, cb, ErrorStatus.of(e.reason()), e.getMessage() == null ? "error" : e.getMessage());
        } catch (Exception e) {
            LOG.error("internal error on POST {}", req.getHttpURI().getPath(), e);
            error(res, cb, 500, DaemonApp.INTERNAL_ERROR);
        } catch (Error e) {
            LOG.error("fatal error while serving a request", e);
            write(res, cb, 500, JSON, JsonErrorHandler.internal());
        } finally {
            touch.run();
        }
        return true;
    }

    /** How many requests this handler took (tests: the ones Javalin did not see). */
    long served() {
        return served.get();
    }

    private void answer(Request req, Response res, Callback cb, String event) throws Exception {
        String body = Content.Source.asString(req, StandardCharsets.UTF_8);
        Fields query = Request.extractQueryParameters(req);
        HttpFields h = req.getHeaders();
        HookInput in = ThinHookRoutes.input(json, body, query::getValue, h::get, event);
        HookReply reply = hooks.handle(in);
        byte[] out = output.stdout(in.event(), reply).getBytes(StandardCharsets.UTF_8);
        res.setStatus(200);
        res.getHeaders().put(TEXT); // first, as Javalin's answer has it
        res.getHeaders().put(ThinHookRoutes.THIN_HEADER, "1");
        if (reply.ackLease() != null) {
            res.getHeaders().put(ThinHookRoutes.LEASE_HEADER, reply.ackLease());
        }
        res.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
        res.write(true, ByteBuffer.wrap(out), cb);
    }

    private void error(Response res, Callback cb, int status, String message) throws Exception {
        write(res, cb, status, JSON, json.writeValueAsBytes(Map.of("error", message)));
    }

    private static void write(Response res, Callback cb, int status, HttpField type, byte[] body) {
        res.setStatus(status);
        res.getHeaders().put(type);
        res.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        res.write(true, ByteBuffer.wrap(body), cb);
    }
}
