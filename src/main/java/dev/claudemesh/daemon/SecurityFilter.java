package dev.claudemesh.daemon;

import dev.claudemesh.config.Token;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Runs before every request: only loopback Host headers (no DNS rebinding), no browser Origin (no CSRF),
 * a bearer token compared in constant time, JSON bodies only, and a size cap. One implementation over plain values
 * ({@link #refusal}), used by the Javalin routes ({@link #check(Context)}) and by {@link ThinHookHandler}.
 */
public final class SecurityFilter {
    /** Why a request is refused: the HTTP status and the sentence of its {@code {"error": ...}} answer. */
    record Refusal(int status, String message) {}

    private final String token;
    private final IntSupplier port;
    private final long maxBodyBytes;

    public SecurityFilter(String token, IntSupplier port, long maxBodyBytes) {
        this.token = token;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void check(Context ctx) {
        Refusal r = refusal(
                ctx.header("Host"),
                ctx.header("Origin"),
                ctx.header("Authorization"),
                ctx.method().name(),
                ctx.contentLength(),
                ctx.contentType());
        if (r != null) {
            throw new HttpResponseException(r.status(), r.message());
        }
    }

    /** The refusal of a request with these headers ({@code contentLength} -1 when unknown), or null when it may pass. */
    Refusal refusal(
            String host, String origin, String authorization, String method, long contentLength, String contentType) {
        int p = port.getAsInt();
        if (host == null || !allowedHost(host.toLowerCase(Locale.ROOT), p)) {
            return new Refusal(403, "Host must be 127.0.0.1:" + p + "; browsers and other hosts are refused");
        }
        if (origin != null) {
            return new Refusal(403, "requests with an Origin header (from a web page) are refused");
        }
        String presented = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).trim()
                : null;
        if (!Token.matches(token, presented)) {
            return new Refusal(
                    401, "missing or wrong bearer token; clients read it from the token file in CLAUDEMESH_HOME");
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            if (contentLength > maxBodyBytes) {
                return new Refusal(413, "request body is " + contentLength + " bytes; the limit is " + maxBodyBytes);
            }
            if (contentLength != 0
                    && (contentType == null
                            || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
                return new Refusal(415, "request body must be application/json");
            }
        }
        return null;
    }

    private static boolean allowedHost(String host, int port) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || !host.substring(colon + 1).equals(Integer.toString(port))) {
            return false;
        }
        String name = host.substring(0, colon);
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }
}
