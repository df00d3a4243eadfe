package dev.claudemesh.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Types a task into claude: the text as one bracketed paste, then Enter as a separate write a few milliseconds
 * later (claude treats a chunk of 64 bytes or more that ends in {@code \r} as pasted text, so Enter inside the
 * same write would not submit). Control characters and paste markers in the text are neutralised, so a message
 * body can neither end the paste early nor send keys of its own.
 */
public final class PasteTyper {
    public static final String SENTINEL = "[inbox]";
    public static final Duration DEFAULT_ENTER_DELAY = Duration.ofMillis(20);

    private static final byte[] PASTE_START = "\u001b[200~".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASTE_END = "\u001b[201~".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENTER = {'\r'};

    private final PtyWriter pty;
    private final DeliveryMode mode;
    private final Duration enterDelay;

    public PasteTyper(PtyWriter pty, DeliveryMode mode, Duration enterDelay) {
        if (enterDelay.isNegative() || enterDelay.isZero()) {
            throw new IllegalArgumentException("Enter must come as a separate write at least 1 ms later");
        }
        this.pty = pty;
        this.mode = mode;
        this.enterDelay = enterDelay;
    }

    /**
     * Types {@code renderedText} (or the sentinel) unless {@code stillWanted}, asked once the PTY is held so that no
     * user key can slip in, says no. Returns whether it typed.
     */
    public boolean type(String renderedText, BooleanSupplier stillWanted) throws IOException, InterruptedException {
        byte[] body = mode == DeliveryMode.SENTINEL
                ? SENTINEL.getBytes(StandardCharsets.US_ASCII)
                : bracketedPaste(renderedText);
        boolean[] typed = {false};
        pty.exclusively(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            pty.write(body);
            Thread.sleep(enterDelay.toMillis(), enterDelay.toNanosPart() % 1_000_000);
            pty.write(ENTER);
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
