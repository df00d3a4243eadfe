package dev.claudemesh.cli;

import java.time.Duration;

/** Human renderings shared by the commands. */
final class Format {
    private Format() {}

    static String ago(long thenMillis, long nowMillis) {
        Duration d = Duration.ofMillis(Math.max(0, nowMillis - thenMillis));
        if (d.toSeconds() < 60) {
            return d.toSeconds() + "s";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
        }
        return d.toDays() + "d";
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        return s + " ".repeat(width - s.length());
    }

    /**
     * Session data (a folder, a transcript line) made safe for a terminal: control characters (C0, DEL, C1 — ESC
     * sequences that retitle the window, clear the screen or write the clipboard), line and paragraph separators and
     * bidirectional overrides are shown as {@code \\xNN} / {@code \\uNNNN} instead of acting. Newlines and tabs
     * are shown too; see {@link #safeText} to keep them.
     */
    static String safe(String s) {
        return escape(s, false);
    }

    /** As {@link #safe} but keeps newlines and tabs, for multi-line text such as a turn. */
    static String safeText(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && !(keepLines && (c == '\n' || c == '\t')))
                    || (c >= 0x7f && c <= 0x9f)
                    || c == '\u2028'
                    || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069');
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (bad) {
                    b.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
