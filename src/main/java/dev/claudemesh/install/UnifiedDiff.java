package dev.claudemesh.install;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (3 lines of context), enough to show what install would change. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_TABLE = 4_000_000L;

    private UnifiedDiff() {}

    /** The diff with {@code ---}/{@code +++} headers, or an empty string when the texts are equal. */
    public static String diff(String fromName, String before, String toName, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<String> ops = edits(a, b);
        if (ops.stream().allMatch(op -> op.charAt(0) == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n');
        out.append("+++ ").append(toName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).charAt(0) == ' ') {
                i++;
                continue;
            }
            int lastChange = i;
            for (int k = i + 1; k < ops.size() && k - lastChange <= 2 * CONTEXT; k++) {
                if (ops.get(k).charAt(0) != ' ') {
                    lastChange = k;
                }
            }
            int end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(out, ops, Math.max(0, i - CONTEXT), end);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<String> ops, int start, int end) {
        int aStart = 1;
        int bStart = 1;
        for (int k = 0; k < start; k++) {
            char c = ops.get(k).charAt(0);
            aStart += c != '+' ? 1 : 0;
            bStart += c != '-' ? 1 : 0;
        }
        int aLen = 0;
        int bLen = 0;
        for (int k = start; k < end; k++) {
            char c = ops.get(k).charAt(0);
            aLen += c != '+' ? 1 : 0;
            bLen += c != '-' ? 1 : 0;
        }
        out.append("@@ -")
                .append(aLen == 0 ? aStart - 1 : aStart)
                .append(',')
                .append(aLen)
                .append(" +")
                .append(bLen == 0 ? bStart - 1 : bStart)
                .append(',')
                .append(bLen)
                .append(" @@\n");
        for (int k = start; k < end; k++) {
            out.append(ops.get(k)).append('\n');
        }
    }

    /** Edit script: each line prefixed with ' ', '-' or '+'. */
    private static List<String> edits(List<String> a, List<String> b) {
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < a.size() - pre
                && suf < b.size() - pre
                && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) {
            suf++;
        }
        List<String> ops = new ArrayList<>();
        a.subList(0, pre).forEach(l -> ops.add(" " + l));
        middle(a.subList(pre, a.size() - suf), b.subList(pre, b.size() - suf), ops);
        a.subList(a.size() - suf, a.size()).forEach(l -> ops.add(" " + l));
        return ops;
    }

    private static void middle(List<String> a, List<String> b, List<String> ops) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_TABLE) {
            a.forEach(l -> ops.add("-" + l));
            b.forEach(l -> ops.add("+" + l));
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + a.get(i++));
            } else {
                ops.add("+" + b.get(j++));
            }
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
