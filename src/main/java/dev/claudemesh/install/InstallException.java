package dev.claudemesh.install;

/** A problem that stops install or uninstall; the message is one sentence a person can act on. */
public final class InstallException extends Exception {
    private static final long serialVersionUID = 1L;

    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
