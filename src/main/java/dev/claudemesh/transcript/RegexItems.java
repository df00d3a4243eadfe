package dev.claudemesh.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * A regex of the simplest shape as a sequence of repeated character classes, for {@link ClassWindow}: literal
 * characters, escaped punctuation, {@code . \d \D \w \W \s \S}, bracket classes of characters, ranges and those
 * escapes, each with an optional {@code ? * + {n} {n,} {n,m}} (lazy or not); the zero-width {@code ^ $ \b \B \A
 * \z} are dropped (they consume nothing, so their neighbours stay side by side). Anything else (groups,
 * alternation, flags, Unicode and POSIX classes, octal or hex escapes) gives null. Each class is an
 * over-approximation of what re2j matches there (see {@link ClassWindow}).
 */
final class RegexItems {
    /** A class repeated {@code min} to {@code max} times ({@code max} = -1: unbounded). */
    record Item(ClassWindow.CharClass charClass, int min, int max) {}

    private final String re;
    private final boolean fold;
    private int i;

    private RegexItems(String re, boolean fold) {
        this.re = re;
        this.fold = fold;
    }

    /** The items of {@code re}, or null when it is outside the subset. */
    static List<Item> parse(String re, boolean caseInsensitive) {
        try {
            return new RegexItems(re, caseInsensitive).items();
        } catch (Unsupported e) {
            return null;
        }
    }

    private List<Item> items() {
        List<Item> out = new ArrayList<>();
        while (i < re.length()) {
            char c = re.charAt(i);
            boolean[] ascii = new boolean[128];
            boolean nonAscii;
            if (c == '^' || c == '$') {
                i++;
                zeroWidthEnds();
                continue;
            } else if (c == '\\') {
                char e = at(i + 1);
                if ("bBAz".indexOf(e) >= 0) {
                    i += 2;
                    zeroWidthEnds();
                    continue;
                }
                nonAscii = escape(e, ascii);
                i += 2;
            } else if (c == '[') {
                nonAscii = bracket(ascii);
            } else if (c == '.') {
                for (int k = 0; k < 128; k++) {
                    ascii[k] = k != '\n';
                }
                nonAscii = true;
                i++;
            } else if ("()|*+?{}]".indexOf(c) >= 0) {
                throw new Unsupported();
            } else {
                nonAscii = literal(c, ascii);
                i++;
            }
            int[] count = quantifier();
            out.add(new Item(folded(ascii, nonAscii), count[0], count[1]));
        }
        return out;
    }

    /** A quantifier may not follow a zero-width assertion here. */
    private void zeroWidthEnds() {
        if (i < re.length() && "*+?{".indexOf(re.charAt(i)) >= 0) {
            throw new Unsupported();
        }
    }

    private int[] quantifier() {
        int[] count;
        char q = i < re.length() ? re.charAt(i) : 0;
        switch (q) {
            case '*' -> count = new int[] {0, -1};
            case '+' -> count = new int[] {1, -1};
            case '?' -> count = new int[] {0, 1};
            case '{' -> count = braces();
            default -> {
                return new int[] {1, 1};
            }
        }
        i++;
        if (i < re.length() && re.charAt(i) == '?') {
            i++; // lazy: the same matches exist
        }
        if (i < re.length() && "*+?{".indexOf(re.charAt(i)) >= 0) {
            throw new Unsupported();
        }
        return count;
    }

    /** {@code {n}}, {@code {n,}}, {@code {n,m}} at {@code i}; leaves {@code i} on the closing brace. */
    private int[] braces() {
        int close = re.indexOf('}', i);
        if (close < 0) {
            throw new Unsupported();
        }
        String body = re.substring(i + 1, close);
        if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
            throw new Unsupported();
        }
        int comma = body.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        int max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
        if (max >= 0 && max < min) {
            throw new Unsupported();
        }
        i = close;
        return new int[] {min, max};
    }

    /** {@code \e} outside brackets: a Perl class or escaped punctuation; returns whether non-ASCII may match. */
    private boolean escape(char e, boolean[] ascii) {
        switch (e) {
            case 'd', 'w', 's' -> {
                perl(e, ascii);
                return false; // re2j's \d \w \s are ASCII only
            }
            case 'D', 'W', 'S' -> {
                perl(Character.toLowerCase(e), ascii);
                for (int k = 0; k < 128; k++) {
                    ascii[k] = !ascii[k];
                }
                return true;
            }
            default -> {
                if (e == 0 || Character.isLetterOrDigit(e) || e >= 128) {
                    throw new Unsupported(); // \p, \x, \Q, octal, \n ...: not in the subset
                }
                ascii[e] = true;
                return false;
            }
        }
    }

    private static void perl(char e, boolean[] ascii) {
        for (int k = 0; k < 128; k++) {
            ascii[k] = switch (e) {
                case 'd' -> k >= '0' && k <= '9';
                case 'w' -> Character.isLetterOrDigit(k) || k == '_';
                default -> k == ' ' || k == '\t' || k == '\n' || k == '\f' || k == '\r' || k == 0x0b;
            };
        }
    }

    private boolean literal(char c, boolean[] ascii) {
        if (c >= 128 || Character.isSurrogate(c)) {
            return true; // some non-ASCII character: admit them all
        }
        ascii[c] = true;
        return false;
    }

    /** {@code [...]} at {@code i}; leaves {@code i} after it; returns whether non-ASCII may match. */
    private boolean bracket(boolean[] ascii) {
        int j = i + 1;
        boolean negated = at(j) == '^';
        if (negated) {
            j++;
        }
        boolean nonAscii = false;
        boolean first = true;
        while (true) {
            char c = at(j);
            if (c == 0) {
                throw new Unsupported();
            }
            if (c == ']' && !first) {
                j++;
                break;
            }
            first = false;
            if (c == '[' || c == '&') {
                throw new Unsupported(); // POSIX classes, nested or intersected sets
            }
            int lo;
            if (c == '\\') {
                char e = at(j + 1);
                if ("dDwWsS".indexOf(e) >= 0) {
                    boolean[] perl = new boolean[128];
                    nonAscii |= escape(e, perl);
                    for (int k = 0; k < 128; k++) {
                        ascii[k] |= perl[k];
                    }
                    j += 2;
                    continue;
                }
                if (e == 0 || Character.isLetterOrDigit(e) || e >= 128) {
                    throw new Unsupported();
                }
                lo = e;
                j += 2;
            } else {
                lo = c;
                j++;
            }
            int hi = lo;
            if (at(j) == '-' && at(j + 1) != ']' && at(j + 1) != 0) {
                char h = at(j + 1);
                if (h == '\\' || h == '[') {
                    throw new Unsupported();
                }
                hi = h;
                j += 2;
                if (hi < lo) {
                    throw new Unsupported();
                }
            }
            for (int k = lo; k <= Math.min(hi, 127); k++) {
                ascii[k] = true;
            }
            nonAscii |= hi >= 128;
        }
        i = j;
        if (negated) {
            for (int k = 0; k < 128; k++) {
                ascii[k] = !ascii[k];
            }
            return true;
        }
        return nonAscii;
    }

    /** Under case folding: both cases of every ASCII letter, and any non-ASCII character (Kelvin sign, long s). */
    private ClassWindow.CharClass folded(boolean[] ascii, boolean nonAscii) {
        if (!fold) {
            return new ClassWindow.CharClass(ascii, nonAscii);
        }
        boolean letter = false;
        boolean[] out = ascii.clone();
        for (int k = 'a'; k <= 'z'; k++) {
            boolean either = ascii[k] || ascii[k - 32];
            out[k] = either;
            out[k - 32] = either;
            letter |= either;
        }
        return new ClassWindow.CharClass(out, nonAscii || letter);
    }

    private char at(int k) {
        return k < re.length() ? re.charAt(k) : 0;
    }

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }
}
