package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.QueryMatcher;
import dev.claudemesh.transcript.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a hit's snippet from the turn text read back from its transcript: the first place a clause matches,
 * some text around it on one line with secrets masked ({@link Redactor#snippet}), and the char ranges of every
 * clause match inside the snippet.
 */
final class Highlighter {
    static final int RADIUS = 80;

    private final Redactor redactor = Redactor.defaults();

    /** A snippet and its highlights ([start, end) char offsets into the snippet). */
    record Snippet(String text, List<int[]> highlights) {}

    /** The snippet for a words/phrases/prefix query, or null when no clause matches the text. */
    Snippet forQuery(String text, IndexQuery query) {
        int from = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            int[] best = null;
            for (IndexQuery.Clause c : query.clauses()) {
                int[] m = firstMatch(text, c, from);
                if (m != null && (best == null || m[0] < best[0])) {
                    best = m;
                }
            }
            if (best == null) {
                return null;
            }
            String snippet = redactor.snippet(text, best[0], best[1], RADIUS, true);
            List<int[]> hl = highlight(snippet, query);
            if (!hl.isEmpty()) {
                return new Snippet(snippet, hl);
            }
            from = best[1]; // the match was inside a masked secret: look further on
        }
        return null;
    }

    /**
     * The snippet for a regex, or null when it does not match; throws {@link QueryMatcher.OutOfTime} when the
     * search's deadline passes inside this text.
     */
    Snippet forRegex(String text, QueryMatcher matcher, long deadlineNanos) {
        int[] m = matcher.find(text, deadlineNanos);
        if (m == null) {
            return null;
        }
        String snippet = redactor.snippet(text, m[0], m[1], RADIUS, true);
        int[] again = matcher.find(snippet);
        return new Snippet(snippet, again == null ? List.of() : List.of(again));
    }

    /** The ranges in a (short) text where a clause matches. */
    static List<int[]> highlight(String text, IndexQuery query) {
        List<int[]> spans = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        int i = Tokens.nextToken(text, 0);
        while (i < text.length()) {
            int e = Tokens.tokenEnd(text, i);
            tokens.add(new int[] {i, e});
            folded.add(Tokens.fold(text.substring(i, e)));
            i = Tokens.nextToken(text, e);
        }
        int reach = 0;
        for (int t = 0; t < tokens.size(); t++) {
            for (IndexQuery.Clause c : query.clauses()) {
                if (matchesAt(folded, t, c) && tokens.get(t)[0] >= reach) {
                    int endTok = t + c.terms().size() - 1;
                    spans.add(new int[] {tokens.get(t)[0], tokens.get(endTok)[1]});
                    reach = tokens.get(endTok)[1];
                    break;
                }
            }
        }
        return spans;
    }

    private static boolean matchesAt(List<String> folded, int t, IndexQuery.Clause c) {
        List<String> terms = c.terms();
        if (t + terms.size() > folded.size()) {
            return false;
        }
        for (int k = 0; k < terms.size(); k++) {
            String tok = folded.get(t + k);
            boolean last = k == terms.size() - 1;
            if (last && c.prefix() ? !tok.startsWith(terms.get(k)) : !tok.equals(terms.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** [start, end) of the first match of the clause at or after {@code from}, or null. */
    static int[] firstMatch(String text, IndexQuery.Clause c, int from) {
        String first = c.terms().get(0);
        boolean fast = Tokens.isAscii(first);
        int pos = from;
        while (pos < text.length()) {
            int start;
            if (fast) {
                start = indexOfAsciiFolded(text, first, pos);
                if (start < 0) {
                    return null;
                }
                if (start > 0 && Tokens.isTokenChar(Character.codePointBefore(text, start))) {
                    pos = start + 1;
                    continue;
                }
            } else {
                start = Tokens.nextToken(text, pos);
                if (start >= text.length()) {
                    return null;
                }
            }
            int end = matchFrom(text, start, c);
            if (end >= 0) {
                return new int[] {start, end};
            }
            pos = fast ? start + 1 : Tokens.tokenEnd(text, start);
        }
        return null;
    }

    /** End of the clause's match when its first token starts at {@code start}, else -1. */
    private static int matchFrom(String text, int start, IndexQuery.Clause c) {
        int i = start;
        List<String> terms = c.terms();
        int end = -1;
        for (int k = 0; k < terms.size(); k++) {
            i = k == 0 ? i : Tokens.nextToken(text, i);
            if (i >= text.length()) {
                return -1;
            }
            int e = Tokens.tokenEnd(text, i);
            String tok = Tokens.fold(text.substring(i, e));
            boolean last = k == terms.size() - 1;
            if (last && c.prefix() ? !tok.startsWith(terms.get(k)) : !tok.equals(terms.get(k))) {
                return -1;
            }
            end = e;
            i = e;
        }
        return end;
    }

    /** First index of an ASCII lower-case word in the text, ASCII letters compared without case. */
    static int indexOfAsciiFolded(String text, String word, int from) {
        int n = word.length();
        char first = word.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = Math.max(0, from); i <= text.length() - n; i++) {
            char ch = text.charAt(i);
            if (ch != first && ch != firstUpper) {
                continue;
            }
            if (text.regionMatches(true, i, word, 0, n)) {
                return i;
            }
        }
        return -1;
    }
}
