package dev.claudemesh.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a request it cannot parse, a URI it refuses, oversized headers, bad chunking, a body
 * that never arrives) in the daemon's one error format, {@code {"error": "..."}}, instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] body(int status, String message) {
        String reason = HttpStatus.getMessage(status);
        String detail = message == null || message.isBlank() || message.equals(reason) ? "" : ": " + message;
        String text = "the claudemesh daemon cannot serve this request (HTTP " + status + " " + reason + detail
                + "); clients send well-formed HTTP/1.1 with a JSON body";
        try {
            return JSON.writeValueAsBytes(Map.of("error", text));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"HTTP " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] internal() {
        try {
            return JSON.writeValueAsBytes(Map.of("error", DaemonApp.INTERNAL_ERROR));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }
}
