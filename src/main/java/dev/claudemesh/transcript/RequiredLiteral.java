package dev.claudemesh.transcript;

/**
 * Finds text every match of a query must contain, used to skip transcript lines without parsing them.
 *
 * <p>Only characters that a JSON writer copies verbatim into a string value qualify ("safe": printable ASCII
 * except {@code " \ , : { } [ ]}), so a line lacking the literal in its raw bytes cannot match. For regular
 * expressions the analysis is deliberately conservative: top-level literal runs only; groups, classes,
 * escapes and optional characters break runs, and a top-level {@code |} or a mid-pattern flag group gives up
 * (then every line is parsed).
 */
final class RequiredLiteral {
    /** The literal (ASCII lower-cased when {@code fold}), or null when there is none. */
    record Found(String literal, boolean fold) {}

    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RequiredLiteral() {}

    static boolean isSafe(char c) {
        return c >= 0x20 && c <= 0x7e && "\"\\,:{}[]".indexOf(c) < 0;
    }

    /** The longest safe run of a plain substring query, or null. */
    static Found ofSubstring(String query, boolean caseSensitive) {
        RequiredLiteral acc = new RequiredLiteral();
        for (int i = 0; i < query.length(); i++) {
            acc.add(query.charAt(i));
        }
        return found(acc.result(), !caseSensitive);
    }

    /** A literal every match of the (already validated) regex must contain, or null. */
    static Found ofRegex(String re, boolean caseSensitive) {
        boolean fold = !caseSensitive;
        int i = 0;
        if (re.startsWith("(?")) {
            int close = re.indexOf(')');
            if (close > 0 && re.substring(2, close).matches("[imsU]+")) {
                fold |= re.substring(2, close).contains("i");
                i = close + 1;
            }
        }
        RequiredLiteral acc = new RequiredLiteral();
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            if (c == '|') {
                return null;
            } else if (c == '(') {
                if (re.startsWith("(?", i) && !re.startsWith("(?:", i) && !re.startsWith("(?P<", i)) {
                    return null; // inline flags or something unusual mid-pattern: give up
                }
                acc.close();
                i = skipQuantifier(re, skipGroup(re, i));
            } else if (c == '[') {
                acc.close();
                i = skipQuantifier(re, skipClass(re, i));
            } else if (c == '.' || c == '^' || c == '$') {
                acc.close();
                i = skipQuantifier(re, i + 1);
            } else if (c == '\\' && i + 1 < n) {
                char e = re.charAt(i + 1);
                if (e == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    String quoted = re.substring(i + 2, end < 0 ? n : end);
                    for (int k = 0; k < quoted.length() - 1; k++) {
                        acc.add(quoted.charAt(k));
                    }
                    int after = end < 0 ? n : end + 2;
                    // a quantifier after \E applies to the last quoted char only
                    i = quoted.isEmpty() ? after : acc.quantified(re, after, quoted.charAt(quoted.length() - 1));
                } else if (Character.isLetterOrDigit(e)) {
                    acc.close(); // class, anchor, control or hex escape
                    int next = i + 2;
                    if ((e == 'p' || e == 'P' || e == 'x') && next < n && re.charAt(next) == '{') {
                        next = Math.max(next, re.indexOf('}', next)) + 1;
                    }
                    i = skipQuantifier(re, next);
                } else {
                    i = acc.quantified(re, i + 2, e);
                }
            } else {
                i = acc.quantified(re, i + 1, c);
            }
        }
        return found(acc.result(), fold);
    }

    /** Handles literal char {@code c} followed (maybe) by a quantifier at {@code next}. */
    private int quantified(String re, int next, char c) {
        char q = next < re.length() ? re.charAt(next) : 0;
        if (q == '?' || q == '*' || (q == '{' && optionalRepeat(re, next))) {
            close(); // c is optional: the run so far is required, c is not
        } else if (q == '+' || q == '{') {
            add(c); // c is required at least once, but what follows need not touch it
            close();
        } else {
            add(c);
            return next;
        }
        return skipQuantifier(re, next);
    }

    private void add(char c) {
        if (isSafe(c)) {
            run.append(c);
        } else {
            close();
        }
    }

    private void close() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }

    private String result() {
        close();
        return best;
    }

    private static boolean optionalRepeat(String re, int brace) {
        int close = re.indexOf('}', brace);
        if (close < 0) {
            return false;
        }
        String body = re.substring(brace + 1, close);
        return body.startsWith("0") || body.startsWith(",");
    }

    private static int skipQuantifier(String re, int i) {
        if (i >= re.length()) {
            return i;
        }
        char q = re.charAt(i);
        if (q == '?' || q == '*' || q == '+') {
            i++;
        } else if (q == '{') {
            int close = re.indexOf('}', i);
            i = close < 0 ? i + 1 : close + 1;
        } else {
            return i;
        }
        return i < re.length() && (re.charAt(i) == '?' || re.charAt(i) == '+') ? i + 1 : i;
    }

    private static int skipGroup(String re, int open) {
        int depth = 0;
        int i = open;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = skipClass(re, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int skipClass(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;
        }
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                int end = re.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static Found found(String literal, boolean fold) {
        return literal.isEmpty() ? null : new Found(fold ? asciiLower(literal) : literal, fold);
    }

    static String asciiLower(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            if (cs[i] >= 'A' && cs[i] <= 'Z') {
                cs[i] += 32;
            }
        }
        return new String(cs);
    }
}
