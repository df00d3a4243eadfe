package dev.claudemesh.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The little bit of POSIX shell quoting install needs: quoting a path and splitting a command line. */
public final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {}

    /** A word {@code /bin/sh} reads back as {@code s}: bare when safe, otherwise single-quoted. */
    public static String quote(String s) {
        if (PLAIN.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Whether {@link #quote} leaves {@code c} bare (a letter, digit or one of {@code _@%+=:,./-}). */
    static boolean isPlain(char c) {
        return PLAIN.matcher(String.valueOf(c)).matches();
    }

    /**
     * Splits a command line into words the way {@code /bin/sh} would for plain words and quotes (no
     * expansions); operators such as {@code ;} stay glued to their words, which is enough to recognise
     * the first two words of a command.
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                end = end < 0 ? line.length() : end;
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                    inWord = true;
                }
                i++;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int i, StringBuilder word) {
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
                i++;
                c = line.charAt(i);
                if (c == '\n') {
                    continue;
                }
            }
            word.append(c);
        }
        return i;
    }
}
