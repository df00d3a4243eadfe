package dev.claudemesh.e2e;

/**
 * A small streaming parser for terminal output: splits it into printable code points, C0 controls,
 * CSI sequences and other escapes, and swallows OSC/DCS strings. State survives chunk boundaries.
 */
final class AnsiParser {

    /** Receives the parsed pieces of a terminal stream. */
    interface Sink {
        void print(int codePoint);

        void control(char c);

        /** {@code prefix} is a private marker such as '?', '>' or '<' (0 if none). */
        void csi(char prefix, int[] params, char command);

        void escape(String intermediates, char command);
    }

    private enum State {
        GROUND,
        ESCAPE,
        ESCAPE_INTERMEDIATE,
        CSI,
        STRING,
        STRING_ESCAPE
    }

    private final Sink sink;
    private State state = State.GROUND;
    private final StringBuilder sequence = new StringBuilder();
    private char pendingHighSurrogate;

    AnsiParser(Sink sink) {
        this.sink = sink;
    }

    void accept(CharSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            accept(chars.charAt(i));
        }
    }

    private void accept(char c) {
        switch (state) {
            case GROUND -> ground(c);
            case ESCAPE -> escape(c);
            case ESCAPE_INTERMEDIATE -> escapeIntermediate(c);
            case CSI -> csi(c);
            case STRING -> {
                if (c == 0x07) {
                    state = State.GROUND;
                } else if (c == 0x1b) {
                    state = State.STRING_ESCAPE;
                }
            }
            case STRING_ESCAPE -> state = c == '\\' ? State.GROUND : State.STRING;
        }
    }

    private void ground(char c) {
        if (c == 0x1b) {
            state = State.ESCAPE;
            sequence.setLength(0);
        } else if (c < 0x20 || c == 0x7f) {
            sink.control(c);
        } else if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c) && pendingHighSurrogate != 0) {
            sink.print(Character.toCodePoint(pendingHighSurrogate, c));
            pendingHighSurrogate = 0;
        } else {
            sink.print(c);
        }
    }

    private void escape(char c) {
        if (c == '[') {
            state = State.CSI;
        } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
            state = State.STRING;
        } else if (c >= 0x20 && c <= 0x2f) {
            sequence.append(c);
            state = State.ESCAPE_INTERMEDIATE;
        } else {
            state = State.GROUND;
            sink.escape("", c);
        }
    }

    private void escapeIntermediate(char c) {
        if (c >= 0x20 && c <= 0x2f) {
            sequence.append(c);
        } else {
            state = State.GROUND;
            sink.escape(sequence.toString(), c);
        }
    }

    private void csi(char c) {
        if (c >= 0x40 && c <= 0x7e) {
            state = State.GROUND;
            dispatchCsi(c);
        } else if (c == 0x1b) {
            state = State.ESCAPE;
            sequence.setLength(0);
        } else {
            sequence.append(c);
        }
    }

    private void dispatchCsi(char command) {
        String body = sequence.toString();
        char prefix = 0;
        if (!body.isEmpty() && "?<=>".indexOf(body.charAt(0)) >= 0) {
            prefix = body.charAt(0);
            body = body.substring(1);
        }
        if (!body.isEmpty()
                && !Character.isDigit(body.charAt(body.length() - 1))
                && body.charAt(body.length() - 1) != ';') {
            // intermediate bytes such as ' ' in "CSI 2 q": not a sequence we interpret
            prefix = prefix == 0 ? '!' : prefix;
        }
        sink.csi(prefix, params(body), command);
    }

    private static int[] params(String body) {
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split("[;:]", -1);
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String digits = parts[i].replaceAll("[^0-9]", "");
            values[i] = digits.isEmpty()
                    ? 0
                    : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(digits.length() > 9 ? "999999999" : digits));
        }
        return values;
    }
}
