package dev.claudemesh.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The daemon answered with an error: its HTTP status, its {@code error} sentence and the whole body. */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    public ApiException(int status, String message, JsonNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
