package dev.claudemesh.session;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Identifier rules, checked before any id touches a query, a path or a log line. */
public final class Ids {
    private static final Pattern CLAUDE_ID = Pattern.compile("[a-z0-9]{8}");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern MESSAGE_ID = Pattern.compile("m_[a-z0-9]{12}");
    private static final Pattern LEASE_ID = Pattern.compile("l_[a-z0-9]{12}");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static boolean isClaudeId(String s) {
        return s != null && CLAUDE_ID.matcher(s).matches();
    }

    public static boolean isSessionId(String s) {
        return s != null && SESSION_ID.matcher(s).matches();
    }

    public static boolean isMessageId(String s) {
        return s != null && MESSAGE_ID.matcher(s).matches();
    }

    public static boolean isLeaseId(String s) {
        return s != null && LEASE_ID.matcher(s).matches();
    }

    public static String newClaudeId() {
        return random(8);
    }

    public static String newMessageId() {
        return "m_" + random(12);
    }

    public static String newLeaseId() {
        return "l_" + random(12);
    }

    public static String requireClaudeId(String s) {
        if (!isClaudeId(s)) {
            throw new InvalidInputException(
                    "'" + printable(s) + "' is not a claudemesh id (8 characters, a-z and 0-9)");
        }
        return s;
    }

    public static String requireSessionId(String s) {
        if (!isSessionId(s)) {
            throw new InvalidInputException("'" + printable(s)
                    + "' is not a Claude Code session id (letters, digits, '-' and '_', at most 128)");
        }
        return s;
    }

    public static long requirePid(long pid) {
        if (!ProcessInfo.validPid(pid)) {
            throw new InvalidInputException("pid " + pid + " is out of range (1-" + ProcessInfo.MAX_PID + ")");
        }
        return pid;
    }

    /** A short, log-safe rendering of untrusted input for error messages. */
    public static String printable(String s) {
        if (s == null) {
            return "(missing)";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    private static String random(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
