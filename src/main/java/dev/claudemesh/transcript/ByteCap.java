package dev.claudemesh.transcript;

/** UTF-8 byte accounting on Java strings, never splitting a character. */
final class ByteCap {
    private ByteCap() {}

    /** UTF-8 length of the text (a lone surrogate counts as 3 bytes, as the encoder replaces it). */
    static long utf8Length(CharSequence s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * The largest char index {@code i} such that text[0, i) is at most {@code maxBytes} UTF-8 bytes and ends on a
     * whole character (a surrogate pair is never split).
     */
    static int charIndexForBytes(CharSequence s, long maxBytes) {
        long n = 0;
        int len = s.length();
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            int bytes;
            int chars = 1;
            if (c < 0x80) {
                bytes = 1;
            } else if (c < 0x800) {
                bytes = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes = 4;
                chars = 2;
            } else {
                bytes = 3;
            }
            if (n + bytes > maxBytes) {
                return i;
            }
            n += bytes;
            i += chars;
        }
        return len;
    }
}
