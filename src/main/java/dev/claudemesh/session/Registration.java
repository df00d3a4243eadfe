package dev.claudemesh.session;

/** What a SessionStart tells the daemon about a claude process. */
public record Registration(String sessionId, long pid, String cwd, String transcriptPath, String source) {
    public Registration {
        Ids.requireSessionId(sessionId);
        Ids.requirePid(pid);
        if (cwd == null || cwd.isBlank() || !cwd.startsWith("/") || cwd.length() > 4096 || cwd.indexOf('\0') >= 0) {
            throw new InvalidInputException("cwd must be an absolute folder path, got '" + Ids.printable(cwd) + "'");
        }
        if (transcriptPath != null
                && (transcriptPath.isBlank()
                        || !transcriptPath.startsWith("/")
                        || transcriptPath.length() > 4096
                        || transcriptPath.indexOf('\0') >= 0)) {
            throw new InvalidInputException(
                    "transcript_path must be an absolute file path, got '" + Ids.printable(transcriptPath) + "'");
        }
        if (source != null && !source.matches("[a-z_]{1,32}")) {
            throw new InvalidInputException(
                    "source must be a SessionStart source such as 'startup', 'resume' or 'clear'");
        }
    }
}
