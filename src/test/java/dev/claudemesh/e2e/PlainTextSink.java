package dev.claudemesh.e2e;

/**
 * Turns a terminal stream into searchable plain text: escapes are dropped, horizontal cursor moves become
 * one space and vertical moves one line break, so words that a TUI places with cursor addressing (Claude
 * Code writes {@code ok ESC[6G from}) still read as {@code ok from}.
 */
final class PlainTextSink implements AnsiParser.Sink {

    private final StringBuilder text = new StringBuilder();

    String text() {
        return text.toString();
    }

    int length() {
        return text.length();
    }

    String textFrom(int offset) {
        return text.substring(Math.min(offset, text.length()));
    }

    @Override
    public void print(int codePoint) {
        text.appendCodePoint(codePoint);
    }

    @Override
    public void control(char c) {
        switch (c) {
            case '\n', 0x0b, 0x0c -> newline();
            case '\t' -> space();
            default -> {
                // CR, BEL, BS and friends carry no text
            }
        }
    }

    @Override
    public void csi(char prefix, int[] params, char command) {
        if (prefix != 0) {
            return;
        }
        switch (command) {
            case 'C', 'G', '`', 'X' -> space();
            case 'A', 'B', 'E', 'F', 'H', 'f', 'd', 'J' -> newline();
            default -> {
                // colours, erasing within a line, modes: no text
            }
        }
    }

    @Override
    public void escape(String intermediates, char command) {
        if (intermediates.isEmpty() && (command == 'D' || command == 'E' || command == 'M')) {
            newline();
        }
    }

    private void space() {
        if (text.length() > 0 && !Character.isWhitespace(text.charAt(text.length() - 1))) {
            text.append(' ');
        }
    }

    private void newline() {
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }
}
