package dev.claudemesh.transcript;

/** Small text helpers shared by the readers. */
final class Text {
    private Text() {}

    /** The text between the first {@code open} and the following {@code close}, or null. */
    static String between(String text, String open, String close) {
        int a = text.indexOf(open);
        if (a < 0) {
            return null;
        }
        int from = a + open.length();
        int b = text.indexOf(close, from);
        return b < 0 ? null : text.substring(from, b);
    }

    /** Drops the harness's wrapper tags ({@code <system-reminder>}, {@code <local-command-stdout>}, ...). */
    static String stripWrappers(String text) {
        String t = text;
        for (String tag : new String[] {
            "system-reminder",
            "local-command-stdout",
            "local-command-stderr",
            "local-command-caveat",
            "bash-stdout",
            "bash-stderr"
        }) {
            if (t.indexOf('<') < 0) {
                break;
            }
            t = t.replace("<" + tag + ">", "").replace("</" + tag + ">", "");
        }
        return t.strip();
    }

    /** Whitespace runs collapsed to one space, for one-line snippets. */
    static String oneLine(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
