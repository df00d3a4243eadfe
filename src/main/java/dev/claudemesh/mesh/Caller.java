package dev.claudemesh.mesh;

/**
 * Who made a request, as the daemon learned it from the calling process (not from what the request claims).
 *
 * @param kind what the caller is
 * @param pid the calling process (0 when unknown)
 * @param name its short name ("curl", "java"), or "" when unknown
 * @param sessionId the claudemesh id of the claude session the caller runs in ({@link Kind#SESSION} only)
 * @param folder that session's folder ({@link Kind#SESSION} only)
 */
public record Caller(Kind kind, long pid, String name, String sessionId, String folder) {
    public enum Kind {
        /** A process inside a live claude session: claude itself or one of its descendants. */
        SESSION,
        /** The tray app's process (or the daemon's own process while the tray app hosts it). */
        TRAY,
        /** A process with no live claude session among its ancestors: a person at a terminal. */
        PERSON,
        /** The platform can tell callers apart, but not this one (it exited, or is another OS user's). */
        UNKNOWN,
        /** The platform cannot tell callers apart (not Linux, or /proc unreadable): the claim is trusted. */
        UNDERIVABLE
    }

    public static final Caller UNDERIVABLE = new Caller(Kind.UNDERIVABLE, 0, "", null, null);
    public static final Caller UNKNOWN = new Caller(Kind.UNKNOWN, 0, "", null, null);

    public Caller {
        name = name == null ? "" : name;
    }

    public static Caller session(long pid, String name, String sessionId, String folder) {
        return new Caller(Kind.SESSION, pid, name, sessionId, folder);
    }

    public static Caller tray(long pid, String name) {
        return new Caller(Kind.TRAY, pid, name, null, null);
    }

    public static Caller person(long pid, String name) {
        return new Caller(Kind.PERSON, pid, name, null, null);
    }

    /** "process 1234 (curl)", or "an unknown process". */
    public String describe() {
        return pid == 0 ? "an unknown process" : "process " + pid + (name.isEmpty() ? "" : " (" + name + ")");
    }
}
