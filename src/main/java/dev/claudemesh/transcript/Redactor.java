package dev.claudemesh.transcript;

import java.util.List;

/**
 * Makes transcript text safe and short: secrets masked ({@link SecretMasker}) and long content cut at a UTF-8
 * byte cap - tool calls, tool output and context at {@code toolCapBytes}, prompts and assistant text at
 * {@code messageCapBytes}. A cut keeps the head (whole characters only) and ends with
 * {@code …[cut N of M bytes]}. Masking happens before cutting, so a secret at the cut never shows in part.
 */
public final class Redactor {
    public static final int DEFAULT_TOOL_CAP_BYTES = 4 * 1024;
    public static final int DEFAULT_MESSAGE_CAP_BYTES = 16 * 1024;
    private static final int MARGIN_CHARS = 1024;
    private static final int PEM_LOOKBACK_CHARS = 64 * 1024;
    private static final int MAX_MATCH_CHARS = 200;

    private final int toolCapBytes;
    private final int messageCapBytes;
    private final SecretMasker masker = new SecretMasker();

    public Redactor(int toolCapBytes, int messageCapBytes) {
        if (toolCapBytes < 16 || messageCapBytes < 16) {
            throw new IllegalArgumentException(
                    "Byte caps must be at least 16 bytes, got " + toolCapBytes + " and " + messageCapBytes + ".");
        }
        this.toolCapBytes = toolCapBytes;
        this.messageCapBytes = messageCapBytes;
    }

    public static Redactor defaults() {
        return new Redactor(DEFAULT_TOOL_CAP_BYTES, DEFAULT_MESSAGE_CAP_BYTES);
    }

    public int toolCapBytes() {
        return toolCapBytes;
    }

    public int messageCapBytes() {
        return messageCapBytes;
    }

    /** The text with every secret masked, nothing cut. */
    public String maskSecrets(String text) {
        return masker.mask(text);
    }

    /** Secrets masked, then cut to at most {@code maxBytes} UTF-8 bytes of content plus the cut notice. */
    public String redact(String text, int maxBytes) {
        if ((long) text.length() * 3 <= maxBytes) {
            return masker.mask(text);
        }
        int capIdx = ByteCap.charIndexForBytes(text, maxBytes);
        if (capIdx == text.length()) {
            return masker.mask(text);
        }
        int regionEnd = Math.min(text.length(), capIdx + MARGIN_CHARS);
        List<SecretMasker.Span> spans = masker.find(text, 0, regionEnd);
        String kept = SecretMasker.render(text, 0, capIdx, spans);
        long total = ByteCap.utf8Length(text);
        long keptBytes = ByteCap.utf8Length(text.subSequence(0, capIdx));
        return kept + "\n…[cut " + (total - keptBytes) + " of " + total + " bytes]";
    }

    /** The entry with secrets masked and content cut at the cap for its role. */
    public TurnEntry redact(TurnEntry entry) {
        int cap =
                entry.role() == EntryRole.USER || entry.role() == EntryRole.ASSISTANT ? messageCapBytes : toolCapBytes;
        return entry.withText(redact(entry.text(), cap));
    }

    /** Every entry {@linkplain #redact(TurnEntry) redacted}. */
    public Turn redact(Turn turn) {
        return new Turn(
                turn.index(),
                turn.startedAt(),
                turn.entries().stream().map(this::redact).toList());
    }

    /** The turn whole (nothing cut) with secrets masked. */
    public Turn maskSecrets(Turn turn) {
        return new Turn(
                turn.index(),
                turn.startedAt(),
                turn.entries().stream()
                        .map(e -> e.withText(masker.mask(e.text())))
                        .toList());
    }

    /**
     * One line around text[start, end): up to {@code radius} chars each side, whitespace collapsed, {@code …}
     * where text was left out; with {@code mask}, secrets overlapping the window are masked whole.
     */
    public String snippet(String text, int start, int end, int radius, boolean mask) {
        int shownEnd = Math.min(end, start + MAX_MATCH_CHARS);
        int from = clampToChar(text, Math.max(0, start - radius));
        int to = clampToChar(text, Math.min(text.length(), shownEnd + radius));
        String body;
        if (mask) {
            int regionFrom = Math.max(0, from - MARGIN_CHARS);
            int pem = text.lastIndexOf("-----BEGIN", from);
            if (pem >= 0 && from - pem < PEM_LOOKBACK_CHARS) {
                regionFrom = Math.min(regionFrom, pem);
            }
            int regionTo = Math.min(text.length(), to + MARGIN_CHARS);
            body = SecretMasker.render(text, from, to, masker.find(text, regionFrom, regionTo));
        } else {
            body = text.substring(from, to);
        }
        return (from > 0 ? "…" : "") + Text.oneLine(body) + (to < text.length() ? "…" : "");
    }

    /** The start of a text on one line, at most {@code maxChars} chars, masked when asked. */
    public String excerpt(String text, int maxChars, boolean mask) {
        int to = clampToChar(text, Math.min(text.length(), maxChars));
        String body = mask
                ? SecretMasker.render(text, 0, to, masker.find(text, 0, Math.min(text.length(), to + MARGIN_CHARS)))
                : text.substring(0, to);
        return Text.oneLine(body) + (to < text.length() ? "…" : "");
    }

    /** Moves an index off the middle of a surrogate pair. */
    private static int clampToChar(String text, int i) {
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
            return i - 1;
        }
        return i;
    }
}
