package dev.claudemesh.gui.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the arguments a person typed for claude the way a POSIX shell splits words: blanks separate, '...' and
 * "..." quote, backslash escapes. There is no shell behind it, so what a shell would expand or interpret (variables,
 * command substitution, globs, pipes, redirections, ';', '&') is refused with a sentence rather than passed on
 * literally by surprise.
 */
public final class ClaudeArgs {
    private ClaudeArgs() {}

    /** The words; throws {@link IllegalArgumentException} with a message a person can act on. */
    public static List<String> parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote (') at position " + (i + 1) + " is not closed");
                }
                word.append(line, i + 1, end);
                i = end + 1;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("the line ends with a lone backslash (\\)");
                }
                word.append(line.charAt(i + 1));
                i += 2;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if ("$`|&;<>(){}*?[".indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' at position " + (i + 1) + " would mean something to"
                        + " a shell, but no shell runs here; put it in single quotes to pass it to claude as it is");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '$' || c == '`') {
                throw new IllegalArgumentException("'" + c + "' inside double quotes at position " + (i + 1)
                        + " would be expanded by a shell; use single quotes to pass it as it is");
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                i++;
                c = line.charAt(i);
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("a double quote (\") at position " + (open + 1) + " is not closed");
    }
}
