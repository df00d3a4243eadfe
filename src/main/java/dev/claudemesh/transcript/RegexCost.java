package dev.claudemesh.transcript;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper estimate, from a regex's text alone, of how many instructions re2j compiles it to. re2j caps each
 * repeat count at 1000 but not their product: {@code ((a{1000}){1000}){1000}} would expand to 10^9
 * instructions and exhaust the heap while compiling. Counted repetition multiplies the size of what it
 * repeats; everything else adds.
 */
final class RegexCost {
    private RegexCost() {}

    static long estimate(String re) {
        Deque<long[]> outer = new ArrayDeque<>();
        long total = 0;
        long last = 0;
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && re.charAt(i + 1) == 'Q') {
                        int end = re.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        total = add(total, stop - (i + 2));
                        last = 1;
                        i = end < 0 ? n : end + 2;
                        continue;
                    }
                    total = add(total, 1);
                    last = 1;
                    i = afterEscape(re, i);
                    continue;
                }
                case '[' -> {
                    total = add(total, 1);
                    last = 1;
                    i = afterClass(re, i);
                    continue;
                }
                case '(' -> {
                    int flagsEnd = flagsOnlyGroupEnd(re, i);
                    if (flagsEnd > 0) {
                        i = flagsEnd;
                        continue;
                    }
                    outer.push(new long[] {total, last});
                    total = 0;
                    last = 0;
                }
                case ')' -> {
                    long group = add(total, 2);
                    long[] up = outer.isEmpty() ? new long[] {0, 0} : outer.pop();
                    total = add(up[0], group);
                    last = group;
                }
                case '|' -> {
                    total = add(total, 1);
                    last = 0;
                }
                case '*', '+', '?' -> total = add(total, 1);
                case '{' -> {
                    int[] count = count(re, i);
                    if (count != null) {
                        long times = Math.max(1, count[0]);
                        total = add(add(total - last, mul(last, times)), 1);
                        last = mul(last, times);
                        i = count[1];
                        continue;
                    }
                    total = add(total, 1);
                    last = 1;
                }
                default -> {
                    total = add(total, 1);
                    last = 1;
                }
            }
            i++;
        }
        while (!outer.isEmpty()) {
            total = add(outer.pop()[0], total);
        }
        return total;
    }

    /** For {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}: {largest count (n+1 when open), index after}. */
    private static int[] count(String re, int i) {
        int close = re.indexOf('}', i);
        if (close < 0) {
            return null;
        }
        String body = re.substring(i + 1, close);
        if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
            return null;
        }
        int comma = body.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        int max = comma < 0 ? min : comma == body.length() - 1 ? min + 1 : Integer.parseInt(body.substring(comma + 1));
        return new int[] {Math.max(min, max), close + 1};
    }

    private static int afterEscape(String re, int i) {
        if (i + 1 >= re.length()) {
            return re.length();
        }
        char e = re.charAt(i + 1);
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
            int close = re.indexOf('}', i + 3);
            return close < 0 ? re.length() : close + 1;
        }
        return (e == 'p' || e == 'P') && i + 2 < re.length() ? i + 3 : i + 2;
    }

    private static int afterClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j = afterEscape(re, j);
            } else if (c == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
                int close = re.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return re.length();
    }

    /** The index after {@code (?flags)} at {@code i}, or -1 when {@code i} opens a real group. */
    private static int flagsOnlyGroupEnd(String re, int i) {
        if (i + 1 >= re.length() || re.charAt(i + 1) != '?') {
            return -1;
        }
        int j = i + 2;
        while (j < re.length() && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
            j++;
        }
        return j < re.length() && re.charAt(j) == ')' && j > i + 2 ? j + 1 : -1;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE / 2 : Math.min(r, Long.MAX_VALUE / 2);
    }

    private static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > (Long.MAX_VALUE / 2) / b ? Long.MAX_VALUE / 2 : a * b;
    }
}
