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
}
