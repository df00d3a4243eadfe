package dev.claudemesh.supervisor;

import java.nio.charset.StandardCharsets;

/**
 * Splits raw terminal input into key events, keeping its state across reads so that a sequence split between two
 * reads decodes the same as in one. Terminal reports that arrive on the input (cursor position, device
 * attributes, focus, colour answers, mouse) are recognised and produce no key event.
 */
final class KeyDecoder {
    /** What a key does to claude's input line, as far as we can tell. */
    enum Key {
        /** A printable character (the code point is passed along). */
        TEXT,
        /** Submits the line (or confirms a menu). */
        ENTER,
        /** Inserts a line break (Ctrl-J, Alt/Shift-Enter). */
        NEWLINE,
        /** Ctrl-C: claude clears the input line. */
        INTERRUPT,
        /** Ctrl-U: deletes from the cursor to the start of the line. */
        KILL_LINE,
        BACKSPACE,
        /** Up/down arrows, Ctrl-P/Ctrl-N: may recall history into the line. */
        HISTORY,
        /** May put text we cannot see into the line (Tab completion, yank, search, image paste, stray bytes). */
        INSERT_UNKNOWN,
        /** Moves the cursor or deletes an unknown amount. */
        EDIT,
        /** A key that leaves the line alone (Shift-Tab). */
        NEUTRAL,
        PASTE_START,
        PASTE_END
    }

    @FunctionalInterface
    interface Sink {
        void key(Key key, int codePoint);
    }

    private static final int GROUND = 0;
    private static final int ESCAPE = 1;
    private static final int CSI = 2;
    private static final int SS3 = 3;
    private static final int STRING = 4;
    private static final int STRING_ESCAPE = 5;
    private static final int MOUSE_X10 = 6;
    private static final int PASTE = 7;

    private static final byte[] PASTE_END = {0x1b, '[', '2', '0', '1', '~'};
    private static final int MAX_SEQUENCE = 64;
    private static final int MAX_STRING = 4096;

    private int state = GROUND;
    private final byte[] sequence = new byte[MAX_SEQUENCE];
    private int sequenceLength;
    private int stringLength;
    private int mouseBytesLeft;
    private int pasteMatched;
    private int utf8Left;
    private int utf8CodePoint;

    void feed(byte[] bytes, int offset, int length, Sink sink) {
        for (int i = offset; i < offset + length; i++) {
            step(bytes[i] & 0xff, sink);
        }
    }

    /** True while in the middle of a key sequence (an escape, a paste) that the next read completes. */
    boolean inKeySequence() {
        return state == ESCAPE || state == CSI || state == SS3 || state == PASTE || utf8Left > 0;
    }

    private void step(int c, Sink sink) {
        switch (state) {
            case GROUND -> ground(c, sink);
            case ESCAPE -> escape(c, sink);
            case CSI -> csi(c, sink);
            case SS3 -> {
                state = GROUND;
                ss3(c, sink);
            }
            case STRING -> string(c, sink);
            case STRING_ESCAPE -> {
                if (c == '\\') {
                    state = GROUND;
                } else {
                    state = ESCAPE;
                    escape(c, sink);
                }
            }
            case MOUSE_X10 -> {
                if (--mouseBytesLeft == 0) {
                    state = GROUND;
                }
            }
            case PASTE -> paste(c, sink);
            default -> throw new IllegalStateException("decoder state " + state);
        }
    }

    private void ground(int c, Sink sink) {
        if (c >= 0x80) {
            utf8(c, sink);
            return;
        }
        if (utf8Left > 0) {
            utf8Left = 0;
            sink.key(Key.INSERT_UNKNOWN, 0); // a truncated UTF-8 character
        }
        if (c >= 0x20 && c < 0x7f) {
            sink.key(Key.TEXT, c);
            return;
        }
        switch (c) {
            case 0x1b -> state = ESCAPE;
            case '\r' -> sink.key(Key.ENTER, 0);
            case '\n' -> sink.key(Key.NEWLINE, 0);
            case 0x03 -> sink.key(Key.INTERRUPT, 0);
            case 0x15 -> sink.key(Key.KILL_LINE, 0);
            case 0x7f, 0x08 -> sink.key(Key.BACKSPACE, 0);
            case 0x10, 0x0e -> sink.key(Key.HISTORY, 0);
            // Tab, Ctrl-G (editor), Ctrl-R (search), Ctrl-V (image paste), Ctrl-Y (yank), Ctrl-_ (undo)
            case '\t', 0x07, 0x12, 0x16, 0x19, 0x1f -> sink.key(Key.INSERT_UNKNOWN, 0);
            default -> sink.key(Key.EDIT, 0);
        }
    }

    private void utf8(int c, Sink sink) {
        if (c < 0xc0) {
            if (utf8Left == 0) {
                sink.key(Key.INSERT_UNKNOWN, 0); // a byte that starts no character: some other encoding
                return;
            }
            utf8CodePoint = (utf8CodePoint << 6) | (c & 0x3f);
            if (--utf8Left == 0) {
                sink.key(Key.TEXT, utf8CodePoint);
            }
            return;
        }
        if (utf8Left > 0) {
            sink.key(Key.INSERT_UNKNOWN, 0);
        }
        if (c < 0xe0) {
            utf8Left = 1;
            utf8CodePoint = c & 0x1f;
        } else if (c < 0xf0) {
            utf8Left = 2;
            utf8CodePoint = c & 0x0f;
        } else if (c < 0xf8) {
            utf8Left = 3;
            utf8CodePoint = c & 0x07;
        } else {
            utf8Left = 0;
            sink.key(Key.INSERT_UNKNOWN, 0);
        }
    }

    private void escape(int c, Sink sink) {
        state = GROUND;
        switch (c) {
            case '[' -> {
                state = CSI;
                sequenceLength = 0;
            }
            case 'O' -> state = SS3;
            case ']', 'P', '_', '^', 'X' -> {
                state = STRING;
                stringLength = 0;
            }
            case 0x1b -> {
                sink.key(Key.EDIT, 0); // a lone Escape key, and another sequence starts
                state = ESCAPE;
            }
            case '\r' -> sink.key(Key.NEWLINE, 0); // Alt-Enter
            case 0x7f -> sink.key(Key.EDIT, 0); // Alt-Backspace
            default -> {
                if (c < 0x20) {
                    sink.key(Key.EDIT, 0); // a lone Escape key followed by a control key
                    ground(c, sink);
                } else {
                    sink.key(Key.INSERT_UNKNOWN, 0); // Alt-key, or Escape then a typed character
                    if (c >= 0x80) {
                        utf8(c, sink);
                    }
                }
            }
        }
    }

    private void csi(int c, Sink sink) {
        if (c >= 0x20 && c <= 0x3f) {
            if (sequenceLength == MAX_SEQUENCE) {
                state = GROUND; // not a sequence any terminal sends
                return;
            }
            sequence[sequenceLength++] = (byte) c;
            return;
        }
        if (c >= 0x40 && c <= 0x7e) {
            state = GROUND;
            if (sequenceLength == 0 && c == 'M') {
                state = MOUSE_X10;
                mouseBytesLeft = 3;
                return;
            }
            csiKey(new String(sequence, 0, sequenceLength, StandardCharsets.US_ASCII), (char) c, sink);
            return;
        }
        state = GROUND;
        if (c == 0x1b) {
            state = ESCAPE;
        } else {
            ground(c, sink);
        }
    }

    private void csiKey(String params, char last, Sink sink) {
        if (!params.isEmpty() && "<=>?".indexOf(params.charAt(0)) >= 0) {
            return; // private reports: device attributes, mode reports, SGR mouse, keyboard protocol answers
        }
        for (int i = 0; i < params.length(); i++) {
            if (params.charAt(i) < 0x30) {
                return; // intermediate bytes: reports such as DECRQM answers
            }
        }
        switch (last) {
            case 'I', 'O' -> {
                if (!params.isEmpty()) {
                    sink.key(Key.EDIT, 0);
                }
                // else focus in/out: not a key
            }
            case 'R', 'c', 'n', 't', 'x', 'y' -> {
                // cursor position and other reports
            }
            case 'A', 'B' -> sink.key(Key.HISTORY, 0);
            case 'Z' -> sink.key(Key.NEUTRAL, 0);
            case '~' -> tildeKey(params, sink);
            case 'u' -> {
                int[] p = numbers(params);
                codeKey(p.length > 0 ? p[0] : 0, p.length > 1 ? p[1] : 1, sink);
            }
            default -> sink.key(Key.EDIT, 0);
        }
    }

    private void tildeKey(String params, Sink sink) {
        int[] p = numbers(params);
        int first = p.length > 0 ? p[0] : 0;
        if (first == 200) {
            state = PASTE;
            pasteMatched = 0;
            sink.key(Key.PASTE_START, 0);
        } else if (first == 201) {
            // a stray paste end: nothing
        } else if (first == 27 && p.length >= 3) {
            codeKey(p[2], p[1], sink); // xterm modifyOtherKeys: CSI 27 ; modifiers ; code ~
        } else {
            sink.key(Key.EDIT, 0); // Delete, Insert, Home, End, Page Up/Down, function keys
        }
    }

    /** A key reported by code and xterm-style modifiers (1 = none, +1 Shift, +2 Alt, +4 Ctrl). */
    private void codeKey(int code, int modifiers, Sink sink) {
        int m = Math.max(modifiers, 1) - 1;
        boolean ctrl = (m & 4) != 0;
        boolean alt = (m & 2) != 0;
        if (code == '\r') {
            sink.key(m == 0 ? Key.ENTER : Key.NEWLINE, 0);
        } else if (code == 127 || code == 8) {
            sink.key(m == 0 ? Key.BACKSPACE : Key.EDIT, 0);
        } else if (code == '\t') {
            sink.key(m == 1 ? Key.NEUTRAL : Key.INSERT_UNKNOWN, 0); // Shift-Tab switches modes
        } else if (ctrl && !alt && code >= 'a' && code <= 'z') {
            ground(code & 0x1f, sink);
        } else if (!ctrl && !alt && code >= 0x20 && code != 0x7f && !(code >= 0xe000 && code <= 0xf8ff)) {
            sink.key(Key.TEXT, code);
        } else {
            sink.key(Key.EDIT, 0);
        }
    }

    private static int[] numbers(String params) {
        String[] parts = params.split(";", -1);
        int[] result = new int[params.isEmpty() ? 0 : parts.length];
        for (int i = 0; i < result.length; i++) {
            String part = parts[i];
            int colon = part.indexOf(':');
            String digits = colon >= 0 ? part.substring(0, colon) : part;
            try {
                result[i] = digits.isEmpty() ? 1 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                result[i] = -1;
            }
        }
        return result;
    }

    private void ss3(int c, Sink sink) {
        switch (c) {
            case 'A', 'B' -> sink.key(Key.HISTORY, 0);
            case 'M' -> sink.key(Key.ENTER, 0);
            default -> sink.key(Key.EDIT, 0);
        }
    }

    private void string(int c, Sink sink) {
        if (c == 0x07) {
            state = GROUND;
        } else if (c == 0x1b) {
            state = STRING_ESCAPE;
        } else if (c < 0x20) {
            state = GROUND; // not a terminal string after all
            ground(c, sink);
        } else if (++stringLength > MAX_STRING) {
            state = GROUND;
        }
    }

    private void paste(int c, Sink sink) {
        if (c == (PASTE_END[pasteMatched] & 0xff)) {
            if (++pasteMatched == PASTE_END.length) {
                state = GROUND;
                sink.key(Key.PASTE_END, 0);
            }
        } else {
            pasteMatched = c == 0x1b ? 1 : 0;
        }
    }
}
