package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.TranscriptException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a search's {@code since}: an age ({@code 45s 30m 2h 2d 1w}) or an ISO-8601 date or date-time. */
public final class Since {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([smhdw])");

    private Since() {}

    /**
     * @param zone the zone of a date or date-time written without an offset
     * @throws TranscriptException.InvalidQuery with what is accepted when the text is neither
     */
    public static Instant parse(String text, Instant now, ZoneId zone) {
        String t = text.strip();
        Matcher m = AGE.matcher(t.toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new TranscriptException.InvalidQuery(
                    "since must be an age such as 30m, 2h, 2d or 1w, or an ISO-8601 date or time such as 2026-11-30"
                            + " or 2026-11-30T10:00:00Z; got '" + t + "'",
                    e);
        }
    }
}
