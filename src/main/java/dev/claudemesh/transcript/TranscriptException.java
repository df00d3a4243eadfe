package dev.claudemesh.transcript;

/**
 * A transcript request that cannot be served; the message is one sentence a person (or a model) can act on.
 * Subclasses tell adapters which status to map it to.
 */
public class TranscriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TranscriptException(String message) {
        super(message);
    }

    public TranscriptException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The path is not a transcript under Claude Code's projects folder (or does not exist). */
    public static final class PathRefused extends TranscriptException {
        private static final long serialVersionUID = 1L;

        public PathRefused(String message) {
            super(message);
        }
    }

    /** The search query cannot be used, e.g. an invalid regular expression. */
    public static final class InvalidQuery extends TranscriptException {
        private static final long serialVersionUID = 1L;

        public InvalidQuery(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The requested turn index is outside the transcript. */
    public static final class NoSuchTurn extends TranscriptException {
        private static final long serialVersionUID = 1L;

        public NoSuchTurn(String message) {
            super(message);
        }
    }
}
