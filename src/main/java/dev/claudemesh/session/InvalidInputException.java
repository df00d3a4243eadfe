package dev.claudemesh.session;

/** Input a caller sent that breaks a rule; the message says what is wrong (HTTP 400, CLI exit 2). */
public class InvalidInputException extends MeshException {
    public InvalidInputException(String message) {
        super(Reason.INVALID_INPUT, message);
    }
}
