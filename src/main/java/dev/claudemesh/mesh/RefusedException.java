package dev.claudemesh.mesh;

import dev.claudemesh.session.MeshException;
import dev.claudemesh.session.Reason;

/** A well-formed request the mesh refuses on purpose (rate limit, hop limit, self-send); says why. */
public class RefusedException extends MeshException {
    public RefusedException(Reason reason, String message) {
        super(reason, message);
    }
}
