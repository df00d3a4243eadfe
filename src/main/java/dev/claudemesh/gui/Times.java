package dev.claudemesh.gui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Times as the views show them: the time of day for today, the date and time otherwise. */
public final class Times {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter OTHER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Times() {}

    public static String show(Instant t) {
        if (t == null || t.toEpochMilli() <= 0) {
            return "";
        }
        ZonedDateTime z = t.atZone(ZoneId.systemDefault());
        return z.toLocalDate().equals(LocalDate.now()) ? TODAY.format(z) : OTHER.format(z);
    }

    public static String showMillis(long epochMillis) {
        return epochMillis <= 0 ? "" : show(Instant.ofEpochMilli(epochMillis));
    }

    /** An ISO-8601 timestamp from the wire ({@code 2026-11-26T10:00:00Z}), shown; unparseable text as it is. */
    public static String showIso(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            return show(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
