package dev.claudemesh.transcript;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A compiled search query: the re2j pattern applied to entry text, and the raw-line prefilter (a literal every
 * match contains, or null when every line must be parsed).
 */
final class QueryMatcher {
    static final int MAX_QUERY_CHARS = 1000;

    private final Pattern pattern;
    private final RequiredLiteral.Found prefilter;

    private QueryMatcher(Pattern pattern, RequiredLiteral.Found prefilter) {
        this.pattern = pattern;
        this.prefilter = prefilter;
    }

    static QueryMatcher compile(String query, boolean regex, boolean caseSensitive) {
        if (query == null || query.isEmpty()) {
            throw new TranscriptException.InvalidQuery("The search query is empty; give some text to look for.", null);
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new TranscriptException.InvalidQuery(
                    "The search query is " + query.length() + " characters long; the limit is " + MAX_QUERY_CHARS + ".",
                    null);
        }
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE;
        if (!regex) {
            return new QueryMatcher(
                    Pattern.compile(Pattern.quote(query), flags), RequiredLiteral.ofSubstring(query, caseSensitive));
        }
        try {
            Pattern p = Pattern.compile(query, flags);
            return new QueryMatcher(p, RequiredLiteral.ofRegex(query, caseSensitive));
        } catch (PatternSyntaxException e) {
            throw new TranscriptException.InvalidQuery(
                    "The search pattern is not a valid regular expression (" + e.getDescription() + " at `"
                            + e.getPattern() + "`); fix it, or search for it as plain text without regex.",
                    e);
        }
    }

    Pattern pattern() {
        return pattern;
    }

    /** The raw-line literal, ASCII-lower-cased when {@link #foldPrefilter()}; null when there is none. */
    String prefilter() {
        return prefilter == null ? null : prefilter.literal();
    }

    boolean foldPrefilter() {
        return prefilter != null && prefilter.fold();
    }
}
