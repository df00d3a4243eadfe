package dev.claudemesh.client;

/** The daemon could not be reached or started; the message says why and may carry its log's tail. */
public class DaemonUnavailableException extends Exception {
    public DaemonUnavailableException(String message) {
        super(message);
    }

    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
