package dev.claudemesh.daemon;

import dev.claudemesh.config.Token;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Runs before every request: only loopback Host headers (no DNS rebinding), no browser Origin (no CSRF),
 * a bearer token compared in constant time, JSON bodies only, and a size cap.
 */
public final class SecurityFilter {
    private final String token;
    private final IntSupplier port;
    private final long maxBodyBytes;

    public SecurityFilter(String token, IntSupplier port, long maxBodyBytes) {
        this.token = token;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void check(Context ctx) {
        String host = ctx.header("Host");
        int p = port.getAsInt();
        Set<String> allowed = Set.of("127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p);
        if (host == null || !allowed.contains(host.toLowerCase(Locale.ROOT))) {
            throw new HttpResponseException(
                    403, "Host must be 127.0.0.1:" + p + "; browsers and other hosts are refused");
        }
        if (ctx.header("Origin") != null) {
            throw new HttpResponseException(403, "requests with an Origin header (from a web page) are refused");
        }
        String auth = ctx.header("Authorization");
        String presented =
                auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (!Token.matches(token, presented)) {
            throw new HttpResponseException(
                    401, "missing or wrong bearer token; clients read it from the token file in CLAUDEMESH_HOME");
        }
        String method = ctx.method().name();
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            long length = ctx.contentLength();
            if (length > maxBodyBytes) {
                throw new HttpResponseException(
                        413, "request body is " + length + " bytes; the limit is " + maxBodyBytes);
            }
            String type = ctx.contentType();
            if (length != 0 && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
                throw new HttpResponseException(415, "request body must be application/json");
            }
        }
    }
}
