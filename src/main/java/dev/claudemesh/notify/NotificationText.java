package dev.claudemesh.notify;

/**
 * Turns an arrival into bubble text: the summary names the session's folder, the body the sender and the
 * first line of the task. Everything that came from a sender is neutralised: control characters (escape
 * sequences, bidi overrides, line breaks) become spaces and lengths are capped. Back-ends whose server renders
 * markup (dunst shows body markup) escape it with {@link #escapeMarkup}.
 */
public final class NotificationText {
    static final int MAX_SUMMARY = 80;
    static final int MAX_LINE = 200;

    private NotificationText() {}

    public static Notification of(TaskArrival a) {
        String summary = "Task waiting in " + clip(plain(a.folder()), MAX_SUMMARY);
        String line = firstLine(a.body());
        String from = a.sender().isEmpty() ? "" : "From " + clip(plain(a.sender()), 40) + ": ";
        return new Notification(a.sessionId(), summary, from + clip(plain(line), MAX_LINE));
    }

    /** The first non-blank line, trimmed. */
    static String firstLine(String body) {
        for (String l : body.split("\\R", -1)) {
            if (!l.isBlank()) {
                return l.strip();
            }
        }
        return "";
    }

    /** Control characters (C0, DEL, C1, bidi overrides, line and paragraph separators) become spaces. */
    static String plain(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(isControl(cp) ? ' ' : cp));
        return b.toString().replaceAll(" {2,}", " ").strip();
    }

    private static boolean isControl(int cp) {
        return cp < 0x20
                || (cp >= 0x7f && cp <= 0x9f)
                || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x200e
                || cp == 0x200f;
    }

    /** Escapes the characters freedesktop body markup gives a meaning to. */
    public static String escapeMarkup(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String clip(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
