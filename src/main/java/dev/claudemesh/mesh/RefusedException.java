package dev.claudemesh.mesh;

/** A well-formed request the mesh refuses on purpose (rate limit, hop limit, self-send); says why. */
public class RefusedException extends RuntimeException {
    private final int status;

    public RefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
