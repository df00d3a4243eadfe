package dev.claudemesh.transcript;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds secrets in text and masks them, keeping only the kind's prefix (e.g. {@code sk-ant-…[REDACTED]}).
 * Patterns are re2j (linear time). Kinds: Anthropic and OpenAI keys, GitHub tokens, AWS access key ids, Slack
 * tokens, {@code Authorization:} header values, bearer tokens, PEM private-key blocks (to the end of the text
 * when the END line is missing), and generic {@code api_key=…} / {@code token: …} / {@code password=…}
 * assignments (values of 8+ characters that are not just digits).
 */
final class SecretMasker {
    static final String MASK = "…[REDACTED]";

    /** A secret at [start, end) and what replaces it. */
    record Span(int start, int end, String replacement) {}

    /**
     * One kind of secret. {@code hints}: the pattern runs only if the text contains one of them (lower-case
     * hints are matched against the lower-cased text). {@code keepGroup}: group kept verbatim before the mask
     * (-1: none, the secret's kind prefix is kept instead). {@code generic}: an assignment whose value is masked
     * unless it is just digits.
     */
    private record Rule(
            List<String> hints,
            boolean ignoreCase,
            Pattern pattern,
            int keepGroup,
            String fixedMask,
            boolean generic) {}

    private static final String[] PREFIXES = {
        "sk-ant-",
        "github_pat_",
        "ghp_",
        "gho_",
        "ghs_",
        "ghu_",
        "ghr_",
        "sk-",
        "AKIA",
        "ASIA",
        "xoxb-",
        "xoxp-",
        "xoxa-",
        "xoxr-",
        "xoxs-"
    };

    private final List<Rule> rules = List.of(
            new Rule(
                    List.of("PRIVATE KEY-----"),
                    false,
                    Pattern.compile(
                            "-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END[A-Z0-9 ]*PRIVATE KEY-----|\\z)"),
                    -1,
                    "-----BEGIN PRIVATE KEY-----" + MASK,
                    false),
            new Rule(List.of("sk-"), false, Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}"), -1, null, false),
            new Rule(
                    List.of("ghp_", "gho_", "ghs_", "ghu_", "ghr_"),
                    false,
                    Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}"),
                    -1,
                    null,
                    false),
            new Rule(
                    List.of("github_pat_"), false, Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}"), -1, null, false),
            new Rule(
                    List.of("AKIA", "ASIA"),
                    false,
                    Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
                    -1,
                    null,
                    false),
            new Rule(List.of("xox"), false, Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"), -1, null, false),
            new Rule(
                    List.of("authorization"),
                    true,
                    Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?\\s*(?:(?:bearer|basic|token)\\s+)?)"
                            + "[A-Za-z0-9._~+/=-]{8,}"),
                    1,
                    "[REDACTED]",
                    false),
            new Rule(
                    List.of("bearer"),
                    true,
                    Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{16,}"),
                    1,
                    "[REDACTED]",
                    false),
            new Rule(
                    List.of("key", "token", "secret", "passw"),
                    true,
                    Pattern.compile("(?i)(\\b[a-z0-9_.-]*(?:api[_-]?key|apikey|token|secret|passwd|password"
                            + "|access[_-]?key|private[_-]?key)[a-z0-9_]*[\"']?\\s*[:=]\\s*[\"']?)"
                            + "([^\\s\"',;<>`]{8,})"),
                    1,
                    null,
                    true));

    /** Secrets overlapping [from, to) of the text, sorted, non-overlapping (earliest and longest win). */
    List<Span> find(String text, int from, int to) {
        List<Span> found = new ArrayList<>();
        String region = text.substring(from, to);
        String lower = null;
        for (Rule rule : rules) {
            if (rule.ignoreCase() && lower == null) {
                lower = region.toLowerCase(Locale.ROOT);
            }
            String haystack = rule.ignoreCase() ? lower : region;
            if (rule.hints().stream().noneMatch(haystack::contains)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(region);
            while (m.find()) {
                String replacement = replacement(rule, m);
                if (replacement != null) {
                    found.add(new Span(from + m.start(), from + m.end(), replacement));
                }
            }
        }
        found.sort(Comparator.comparingInt(Span::start)
                .thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> merged = new ArrayList<>(found.size());
        int reach = -1;
        for (Span s : found) {
            if (s.start() >= reach) {
                merged.add(s);
                reach = s.end();
            }
        }
        return merged;
    }

    /** The whole text with every secret masked. */
    String mask(String text) {
        return render(text, 0, text.length(), find(text, 0, text.length()));
    }

    /**
     * Text[from, to) with the given spans replaced; a span crossing either edge is replaced whole, so no part
     * of a secret shows.
     */
    static String render(String text, int from, int to, List<Span> spans) {
        StringBuilder sb = new StringBuilder(to - from);
        int pos = from;
        for (Span s : spans) {
            if (s.end() <= from || s.start() >= to) {
                continue;
            }
            if (s.start() > pos) {
                sb.append(text, pos, s.start());
            }
            if (s.end() > pos) {
                sb.append(s.replacement());
                pos = s.end();
            }
        }
        if (pos < to) {
            sb.append(text, pos, to);
        }
        return sb.toString();
    }

    private static String replacement(Rule rule, Matcher m) {
        if (rule.keepGroup() < 0) {
            return rule.fixedMask() != null ? rule.fixedMask() : prefixMask(m.group());
        }
        String keep = m.group(rule.keepGroup());
        String value = m.group().substring(keep.length());
        if (!rule.generic()) {
            return keep + rule.fixedMask();
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return null; // counts such as "max_tokens: 40960000" are not secrets
        }
        return keep + prefixMask(value);
    }

    /** The secret's kind prefix plus the mask, or just {@code [REDACTED]} for an unknown kind. */
    private static String prefixMask(String secret) {
        for (String prefix : PREFIXES) {
            if (secret.startsWith(prefix)) {
                return prefix + MASK;
            }
        }
        return "[REDACTED]";
    }
}
