package dev.claudemesh.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Types a task into claude in one write: the text as one bracketed paste followed by Enter. Claude Code reads the
 * paste up to its end marker and the {@code \r} after it as the Enter key, so a paste of any length submits
 * (checked on 2.1.332 by {@code e2e.SupervisorIT}, multi-line and tens of KiB; without the brackets a chunk of 64
 * bytes or more that ends in {@code \r} would be taken as pasted text, and a separate Enter would need a pause).
 * Sentinel mode types {@code [inbox]\r}, 8 bytes, below that threshold. Control characters and paste markers in
 * the text are neutralised, so a message body can neither end the paste early nor send keys of its own.
 */
public final class PasteTyper {
    public static final String SENTINEL = "[inbox]";

    private static final byte[] PASTE_START = "\u001b[200~".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASTE_END = "\u001b[201~".getBytes(StandardCharsets.US_ASCII);
    private static final byte ENTER = '\r';

    private final PtyWriter pty;
    private final DeliveryMode mode;

    public PasteTyper(PtyWriter pty, DeliveryMode mode) {
        this.pty = pty;
        this.mode = mode;
    }

    /**
     * Types {@code renderedText} (or the sentinel) unless {@code stillWanted}, asked once the PTY is held so that no
     * user key can slip in, says no. Returns whether it typed.
     */
    public boolean type(String renderedText, BooleanSupplier stillWanted) throws IOException, InterruptedException {
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        keys.writeBytes(
                mode == DeliveryMode.SENTINEL
                        ? SENTINEL.getBytes(StandardCharsets.US_ASCII)
                        : bracketedPaste(renderedText));
        keys.write(ENTER);
        byte[] bytes = keys.toByteArray();
        boolean[] typed = {false};
        pty.exclusively(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            pty.write(bytes);
            typed[0] = true;
        });
        return typed[0];
    }

    /** {@code ESC[200~} + the neutralised text + {@code ESC[201~}, in UTF-8. */
    public static byte[] bracketedPaste(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PASTE_START);
        out.writeBytes(neutralise(text).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(PASTE_END);
        return out.toByteArray();
    }

    /**
     * Makes text safe to paste: line ends become {@code \n}, trailing line breaks go, tab and line feed stay, every
     * other control character (C0, DEL, C1) becomes a visible stand-in: C0 and DEL their Unicode control picture
     * (ESC becomes ␛, so no paste marker or escape sequence survives), C1 the replacement character. Unpaired
     * surrogates become the replacement character too.
     */
    public static String neutralise(String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        int end = lines.length();
        while (end > 0 && lines.charAt(end - 1) == '\n') {
            end--;
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = lines.charAt(i);
            if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c < 0x20) {
                out.append((char) (0x2400 + c));
            } else if (c == 0x7f) {
                out.append('\u2421');
            } else if (c >= 0x80 && c <= 0x9f) {
                out.append('\ufffd');
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(lines.charAt(i + 1))) {
                out.append(c).append(lines.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\ufffd');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
