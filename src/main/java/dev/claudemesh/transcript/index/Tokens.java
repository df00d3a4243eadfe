package dev.claudemesh.transcript.index;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Words as the index's tokenizer (FTS5 {@code unicode61 remove_diacritics 2}) sees them: runs of letters, digits
 * and private-use characters; everything else separates. Folding lower-cases and drops diacritics.
 */
final class Tokens {
    private Tokens() {}

    static boolean isTokenChar(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.PRIVATE_USE,
                    Character.NON_SPACING_MARK -> true;
            default -> false;
        };
    }

    /** The end of the token starting at {@code i} (a token char). */
    static int tokenEnd(CharSequence s, int i) {
        int n = s.length();
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            if (!isTokenChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The start of the next token at or after {@code i}, or the length. */
    static int nextToken(CharSequence s, int i) {
        int n = s.length();
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            if (isTokenChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return n;
    }

    /** Lower case, diacritics removed: how the index compares words. */
    static String fold(CharSequence token) {
        String lower = token.toString().toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 0x80;
        }
        if (ascii) {
            return lower;
        }
        String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
