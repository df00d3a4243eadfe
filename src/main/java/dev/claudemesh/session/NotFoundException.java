package dev.claudemesh.session;

/** A session, message or lease that does not exist (HTTP 404). */
public class NotFoundException extends MeshException {
    public NotFoundException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
