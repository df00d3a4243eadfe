package dev.claudemesh.message;

import java.text.Normalizer;

/**
 * Strings from sessions and senders made safe for where they land in the text the model reads.
 *
 * <ul>
 *   <li>{@link #attribute}: a value inside {@code attr="..."} or a parenthesised name (a folder): look-alikes are
 *       folded to ASCII (NFKC: fullwidth {@code ＜} becomes {@code <}), then {@code < > & " '} become entities and
 *       every control, separator or invisible character (CR, LF, U+2028/2029, zero-width joiners, bidi overrides)
 *       becomes a visible {@code \\uXXXX}: a folder cannot open a tag or end a line.
 *   <li>{@link #body}: a message body keeps its text, with line breaks normalised (CR, CRLF, U+2028/2029 become
 *       LF), other controls and invisible characters shown as {@code \\uXXXX}, and any envelope tag — also one
 *       written with look-alike brackets, letters or dashes, or with invisible characters inside — defused to
 *       {@code <\claudemesh-message}, so a body can neither close its envelope nor fake another.
 * </ul>
 */
public final class ModelText {
    static final String TAG_NAME = "claudemesh-message";

    private ModelText() {}

    public static String attribute(String s) {
        if (s == null) {
            return "";
        }
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(folded.length() + 8);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (invisible(c) || c == '\n' || c == '\t' || lookAlikeBracket(c)) {
                        b.append(visible(c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public static String body(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int tagEnd = lookAlikeBracket(c) || c == '<' ? tagEnd(s, i) : -1;
            if (tagEnd > 0) {
                b.append("<\\").append(closing(s, i, tagEnd) ? "/" : "").append(TAG_NAME);
                i = tagEnd;
                continue;
            }
            if (c == '\r') {
                b.append('\n');
                i += i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                continue;
            }
            if (c == '\u2028' || c == '\u2029') {
                b.append('\n');
            } else if (c != '\n' && c != '\t' && invisible(c)) {
                b.append(visible(c));
            } else {
                b.append(c);
            }
            i++;
        }
        return b.toString();
    }

    /**
     * The end of an envelope tag name starting with the bracket at {@code start} ({@code <}, optional spaces and
     * slash, {@code claudemesh-message}, each character possibly a look-alike, invisible characters anywhere), or
     * -1 when there is none.
     */
    static int tagEnd(String s, int start) {
        int i = start + 1;
        int k = 0;
        while (i < s.length() && k < TAG_NAME.length()) {
            char c = s.charAt(i);
            if (invisible(c) || (k == 0 && (Character.isWhitespace(c) || fold(c) == '/'))) {
                i++;
                continue;
            }
            if (fold(c) != TAG_NAME.charAt(k)) {
                return -1;
            }
            i++;
            k++;
        }
        return k == TAG_NAME.length() ? i : -1;
    }

    private static boolean closing(String s, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (fold(s.charAt(i)) == '/') {
                return true;
            }
        }
        return false;
    }

    /** A character as the ASCII it looks like, lower-cased: fullwidth and other compatibility forms, dashes. */
    static char fold(char c) {
        if (c < 0x80) {
            return Character.toLowerCase(c);
        }
        if (c >= '\u2010' && c <= '\u2015' || c == '\u2212' || c == '\ufe63' || c == '\ufe58') {
            return '-';
        }
        if (c == '\u2044' || c == '\u2215' || c == '\u29f8') {
            return '/';
        }
        String n = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
        return n.length() == 1 ? Character.toLowerCase(n.charAt(0)) : c;
    }

    static boolean lookAlikeBracket(char c) {
        return c == '\uff1c'
                || c == '\ufe64'
                || c == '\u2329'
                || c == '\u3008'
                || c == '\u2039'
                || c == '\u27e8'
                || c == '\u02c2'
                || c == '\u1438'
                || c == '\u276e'
                || c == '\u2770'
                || c == '\u29fc'
                || c == '\uff1e'
                || c == '\ufe65'
                || c == '\u232a'
                || c == '\u3009'
                || c == '\u203a'
                || c == '\u27e9'
                || c == '\u02c3';
    }

    /** Controls, separators, format characters (zero-width, bidi) and other characters that show as nothing. */
    static boolean invisible(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || c == '\u115f'
                || c == '\u1160'
                || c == '\u3164'
                || c == '\uffa0';
    }

    private static String visible(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
