package dev.claudemesh.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of character classes that every match of a regex contains, side by side: for {@code \b[A-Z]{3}\d{4}\b}
 * three letters then four digits. re2j crawls at tens of MB/s over text it cannot skip by a literal; scanning for
 * such a window runs at memory speed, so the regex only runs where a window is found. Derived for a conservative
 * subset of the syntax (no groups, alternation or Unicode classes); {@link #of} answers null for anything else.
 *
 * <p>Sound by construction: each class admits at least what re2j's matches can hold at that place (every
 * non-ASCII character is admitted by classes that could match one, and under case folding by every class
 * with a letter), so a text without a window has no match. Linear: at most {@link #MAX_LENGTH} checks per
 * position.
 */
final class ClassWindow {
    static final int MAX_LENGTH = 16;
    /** Windows that would reject too little are not worth the scan. */
    private static final double MIN_BITS = 6;

    /** One position of the window: the ASCII characters it admits, and whether it admits non-ASCII ones. */
    record CharClass(boolean[] ascii, boolean nonAscii) {
        boolean admits(char c) {
            return c < 128 ? ascii[c] : nonAscii;
        }

        int asciiCount() {
            int n = 0;
            for (boolean b : ascii) {
                n += b ? 1 : 0;
            }
            return n;
        }

        /** How much this position rejects, in bits, over ASCII text. */
        double bits() {
            return Math.log(128.0 / Math.max(1, asciiCount())) / Math.log(2);
        }
    }

    private final CharClass[] classes;
    private final int anchor;

    private ClassWindow(List<CharClass> classes) {
        this.classes = classes.toArray(CharClass[]::new);
        int rarest = 0;
        for (int i = 1; i < this.classes.length; i++) {
            if (this.classes[i].asciiCount() < this.classes[rarest].asciiCount()) {
                rarest = i;
            }
        }
        this.anchor = rarest;
    }

    int length() {
        return classes.length;
    }

    /** The window of {@code regex} (flags as re2j gets them), or null when none is derived or worth it. */
    static ClassWindow of(String regex, boolean caseSensitive) {
        List<RegexItems.Item> items = RegexItems.parse(regex, !caseSensitive);
        if (items == null) {
            return null;
        }
        List<CharClass> best = List.of();
        double bestBits = 0;
        List<CharClass> current = new ArrayList<>();
        for (RegexItems.Item item : items) {
            if (item.min() == 0) {
                current = new ArrayList<>();
                continue;
            }
            for (int k = 0; k < Math.min(item.min(), MAX_LENGTH); k++) {
                current.add(item.charClass());
            }
            while (current.size() > MAX_LENGTH) {
                current.remove(0); // any part of a side-by-side run is one too
            }
            double bits = bits(current);
            if (bits > bestBits) {
                best = List.copyOf(current);
                bestBits = bits;
            }
            if (item.max() != item.min()) { // more copies may follow: only the last ones touch the next item
                List<CharClass> tail = new ArrayList<>();
                for (int k = 0; k < Math.min(item.min(), MAX_LENGTH); k++) {
                    tail.add(item.charClass());
                }
                current = tail;
            }
        }
        return bestBits >= MIN_BITS ? new ClassWindow(best) : null;
    }

    private static double bits(List<CharClass> window) {
        double sum = 0;
        for (CharClass c : window) {
            sum += c.bits();
        }
        return sum;
    }

    /** The start of the first window in {@code text[from, to)}, or -1. */
    int find(CharSequence text, int from, int to) {
        int k = classes.length;
        CharClass rare = classes[anchor];
        for (int i = Math.max(from, 0) + anchor; i <= to - (k - anchor); i++) {
            if (!rare.admits(text.charAt(i))) {
                continue;
            }
            int start = i - anchor;
            int j = 0;
            while (j < k && classes[j].admits(text.charAt(start + j))) {
                j++;
            }
            if (j == k) {
                return start;
            }
        }
        return -1;
    }
}
