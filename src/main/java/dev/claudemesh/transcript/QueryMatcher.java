package dev.claudemesh.transcript;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A compiled search query: a raw-line prefilter (a literal every match contains, or null when every line must
 * be parsed) and {@link #find}, which locates the first match in an entry's text.
 *
 * <p>re2j runs at only tens of MB/s when it cannot skip ahead by a case-sensitive literal prefix, so
 * {@link #find} avoids handing it whole tool outputs: a substring is found with a folded {@code indexOf} and
 * checked with {@link String#regionMatches(boolean, int, String, int, int)}; a regex that cannot match a newline
 * runs only on the lines that contain its required literal. A regex without a literal is skipped past text
 * without its {@link ClassWindow} (on the lines holding one when it cannot match a newline). Other regexes run on
 * the whole text.
 */
public final class QueryMatcher {
    static final int MAX_QUERY_CHARS = 1000;
    /** Largest estimated compiled size of a regex ({@link RegexCost}); every step of a match costs up to this. */
    static final long MAX_PROGRAM_SIZE = 10_000;

    private final String query;
    private final boolean regex;
    private final boolean caseSensitive;
    private final Pattern pattern;
    private final RequiredLiteral.Found prefilter;
    private final boolean lineLocal;
    private final int literalOffset;
    /** For a regex without a literal: classes side by side that every match holds, or null. */
    private final ClassWindow window;

    private final boolean windowLineLocal;

    private QueryMatcher(String query, boolean regex, boolean caseSensitive, Pattern pattern) {
        this.query = query;
        this.regex = regex;
        this.caseSensitive = caseSensitive;
        this.pattern = pattern;
        this.prefilter = regex
                ? RequiredLiteral.ofRegex(query, caseSensitive)
                : RequiredLiteral.ofSubstring(query, caseSensitive);
        this.lineLocal = regex && prefilter != null && cannotMatchNewline(query);
        this.literalOffset = regex || prefilter == null ? -1 : offsetOf(query, prefilter);
        this.window = regex && prefilter == null ? ClassWindow.of(query, caseSensitive) : null;
        this.windowLineLocal = window != null && cannotMatchNewline(query);
    }

    public static QueryMatcher compile(String query, boolean regex, boolean caseSensitive) {
        if (query == null || query.isEmpty()) {
            throw new TranscriptException.InvalidQuery("The search query is empty; give some text to look for.", null);
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new TranscriptException.InvalidQuery(
                    "The search query is " + query.length() + " characters long; the limit is " + MAX_QUERY_CHARS + ".",
                    null);
        }
        if (regex) {
            long cost = RegexCost.estimate(query);
            if (cost > MAX_PROGRAM_SIZE) {
                throw new TranscriptException.InvalidQuery(
                        "The search pattern is too complex: its repetitions expand to about " + cost
                                + " steps (the limit is " + MAX_PROGRAM_SIZE + "); use smaller repeat counts or nest"
                                + " fewer counted repetitions like {1000}.",
                        null);
            }
        }
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE;
        try {
            Pattern p = Pattern.compile(regex ? query : Pattern.quote(query), flags);
            return new QueryMatcher(query, regex, caseSensitive, p);
        } catch (PatternSyntaxException e) {
            String where = e.getPattern();
            if (where.startsWith("(?i)") && !query.startsWith("(?i)")) {
                where = where.substring(4); // re2j shows the case-insensitive flag it added itself
            }
            throw new TranscriptException.InvalidQuery(
                    "The search pattern is not a valid regular expression (" + e.getDescription() + " at `" + where
                            + "`); fix it, or search for it as plain text without regex.",
                    e);
        }
    }

    /** The raw-line literal, ASCII-lower-cased when {@link #foldPrefilter()}; null when there is none. */
    public String prefilter() {
        return prefilter == null ? null : prefilter.literal();
    }

    public boolean foldPrefilter() {
        return prefilter != null && prefilter.fold();
    }

    /** [start, end) of the first match in the text, or null (no deadline worth speaking of). */
    public int[] find(String text) {
        return find(text, System.nanoTime() + java.util.concurrent.TimeUnit.HOURS.toNanos(1));
    }

    /** [start, end) of the first match in the text, or null; stops with {@link OutOfTime} after the deadline. */
    public int[] find(String text, long deadlineNanos) {
        if (!regex && caseSensitive) {
            int i = text.indexOf(query);
            return i < 0 ? null : new int[] {i, i + query.length()};
        }
        if (!regex && literalOffset >= 0) {
            return findFoldedSubstring(text);
        }
        if (lineLocal) {
            return findOnLiteralLines(text, deadlineNanos);
        }
        if (windowLineLocal) {
            return findOnWindowLines(text, deadlineNanos);
        }
        if (window != null && window.find(text, 0, text.length()) < 0) {
            return null;
        }
        Matcher m = pattern.matcher(new DeadlineText(text, text.length(), deadlineNanos));
        return m.find() ? new int[] {m.start(), m.end()} : null;
    }

    private int[] findFoldedSubstring(String text) {
        String lit = prefilter.literal();
        int len = query.length();
        int pos = 0;
        while (true) {
            int j = indexOfFolded(text, lit, pos);
            if (j < 0) {
                return null;
            }
            int s = j - literalOffset;
            if (s >= 0 && s + len <= text.length() && text.regionMatches(true, s, query, 0, len)) {
                return new int[] {s, s + len};
            }
            pos = j + 1;
        }
    }

    private int[] findOnLiteralLines(String text, long deadlineNanos) {
        String lit = prefilter.literal();
        boolean fold = prefilter.fold();
        int pos = 0;
        while (pos < text.length()) {
            int j = fold ? indexOfFolded(text, lit, pos) : text.indexOf(lit, pos);
            if (j < 0) {
                return null;
            }
            int lineStart = text.lastIndexOf('\n', j) + 1;
            int lineEnd = text.indexOf('\n', j);
            int viewEnd = lineEnd < 0 ? text.length() : lineEnd + 1; // keep the newline: same context for $ and \b
            Matcher m = pattern.matcher(new DeadlineText(text, viewEnd, deadlineNanos));
            if (m.find(lineStart)) {
                return new int[] {m.start(), m.end()};
            }
            pos = viewEnd;
        }
        return null;
    }

    /** As {@link #findOnLiteralLines}, with the lines that hold the class window. */
    private int[] findOnWindowLines(String text, long deadlineNanos) {
        int pos = 0;
        while (pos < text.length()) {
            int j = window.find(text, pos, text.length());
            if (j < 0) {
                return null;
            }
            int lineStart = text.lastIndexOf('\n', j) + 1;
            int lineEnd = text.indexOf('\n', j);
            int viewEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
            Matcher m = pattern.matcher(new DeadlineText(text, viewEnd, deadlineNanos));
            if (m.find(lineStart)) {
                return new int[] {m.start(), m.end()};
            }
            pos = viewEnd;
        }
        return null;
    }

    /** Whether matching skips text by a window of classes (for tests and diagnostics). */
    boolean usesClassWindow() {
        return window != null;
    }

    /** First index of an ASCII-lower-case literal in the text, comparing with ASCII letters folded. */
    static int indexOfFolded(String text, String lit, int from) {
        char first = lit.charAt(0);
        char firstUpper = first >= 'a' && first <= 'z' ? (char) (first - 32) : first;
        int n = lit.length();
        int max = text.length() - n;
        for (int i = Math.max(0, from); i <= max; i++) {
            char c = text.charAt(i);
            if (c != first && c != firstUpper) {
                continue;
            }
            int k = 1;
            while (k < n) {
                char d = text.charAt(i + k);
                if (d >= 'A' && d <= 'Z') {
                    d += 32;
                }
                if (d != lit.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == n) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Conservatively, whether no match of the regex can contain a newline: no control characters, no escapes
     * other than {@code \d \w \b \B \A \z} and escaped punctuation, no negated or POSIX classes, no {@code s}
     * flag.
     */
    static boolean cannotMatchNewline(String re) {
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (Character.isLetterOrDigit(next) && "dwbBAz".indexOf(next) < 0) {
                    return false;
                }
                i++;
            } else if (c == '[' && (next == '^' || next == '[')) {
                return false;
            } else if (c == '(' && next == '?') {
                int end = i + 2;
                while (end < re.length() && Character.isLetter(re.charAt(end))) {
                    end++;
                }
                if (re.substring(i + 2, end).indexOf('s') >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int offsetOf(String query, RequiredLiteral.Found found) {
        String q = found.fold() ? RequiredLiteral.asciiLower(query) : query;
        return q.indexOf(found.literal());
    }

    /** Thrown from inside re2j when a search's time budget runs out in the middle of one entry. */
    public static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super("search time budget exhausted", null, false, false);
        }
    }

    /**
     * The first {@code length} chars of a string, without copying, that looks at the clock every few hundred
     * characters re2j reads: a regex that is slow on one huge entry stops at the deadline, not after it.
     */
    private static final class DeadlineText implements CharSequence {
        private static final int CHARS_BETWEEN_CLOCK_CHECKS = 256;
        private final String text;
        private final int length;
        private final long deadline;
        private int reads;

        DeadlineText(String text, int length, long deadline) {
            this.text = text;
            this.length = length;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (++reads >= CHARS_BETWEEN_CLOCK_CHECKS) {
                reads = 0;
                if (System.nanoTime() - deadline > 0) {
                    throw new OutOfTime();
                }
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.substring(0, length);
        }
    }
}
