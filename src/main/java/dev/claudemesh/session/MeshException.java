package dev.claudemesh.session;

/** A request the core turned down, with the {@link Reason} adapters map and a sentence a person can act on. */
public abstract class MeshException extends RuntimeException {
    private final Reason reason;

    protected MeshException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
