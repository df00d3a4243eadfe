package dev.claudemesh.transcript.index;

import dev.claudemesh.transcript.TranscriptException;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's query parsed into clauses that must all match: words, {@code "quoted phrases"} and {@code prefix*}.
 * Everything a user types becomes quoted FTS5 strings of plain tokens, so no input can produce an FTS5 syntax
 * error: operators ({@code AND OR NOT NEAR}), column filters, {@code ^}, {@code -}, brackets and stray quotes are
 * just text (their punctuation separates words, as it does in the indexed text).
 */
record IndexQuery(List<Clause> clauses) {
    static final int MAX_CLAUSES = 32;

    /**
     * Words that must appear one after the other; the last may be a prefix.
     *
     * @param terms folded words
     * @param prefix whether the last word is a prefix
     */
    record Clause(List<String> terms, boolean prefix) {
        String fts() {
            return "\"" + String.join(" ", terms) + "\"" + (prefix ? "*" : "");
        }
    }

    IndexQuery {
        clauses = List.copyOf(clauses);
    }

    /**
     * @throws TranscriptException.InvalidQuery when nothing searchable is left (no letters or digits)
     */
    static IndexQuery parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new TranscriptException.InvalidQuery("The search query is empty; give some words to look for.", null);
        }
        List<Clause> out = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end;
            String body;
            if (c == '"') {
                int close = raw.indexOf('"', i + 1);
                end = close < 0 ? n : close + 1;
                body = raw.substring(i + 1, close < 0 ? n : close);
            } else {
                end = i;
                while (end < n && !Character.isWhitespace(raw.charAt(end)) && raw.charAt(end) != '"') {
                    end++;
                }
                body = raw.substring(i, end);
            }
            boolean prefix = body.endsWith("*") && c != '"';
            if (c == '"' && end < n && raw.charAt(end) == '*') {
                prefix = true;
                end++;
            }
            List<String> terms = terms(body);
            if (!terms.isEmpty()) {
                out.add(new Clause(terms, prefix));
            }
            i = end;
        }
        if (out.isEmpty()) {
            throw new TranscriptException.InvalidQuery(
                    "The search query has no words to look for (only punctuation); the index finds words, so give"
                            + " letters or digits, or use regex to match punctuation.",
                    null);
        }
        if (out.size() > MAX_CLAUSES) {
            throw new TranscriptException.InvalidQuery(
                    "The search query has " + out.size() + " words or phrases; the limit is " + MAX_CLAUSES + ".",
                    null);
        }
        return new IndexQuery(out);
    }

    /** The folded tokens of a piece of text. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        int i = Tokens.nextToken(text, 0);
        while (i < text.length()) {
            int e = Tokens.tokenEnd(text, i);
            out.add(Tokens.fold(text.substring(i, e)));
            i = Tokens.nextToken(text, e);
        }
        return out;
    }

    /** The FTS5 MATCH expression: every clause quoted, all required. */
    String fts() {
        StringBuilder sb = new StringBuilder();
        for (Clause c : clauses) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.fts());
        }
        return sb.toString();
    }

    /** An ASCII word every match contains (the longest), for a raw line prefilter; null when none is ASCII. */
    String lineLiteral() {
        String best = null;
        for (Clause c : clauses) {
            for (String t : c.terms()) {
                if (Tokens.isAscii(t) && (best == null || t.length() > best.length())) {
                    best = t;
                }
            }
        }
        return best;
    }
}
