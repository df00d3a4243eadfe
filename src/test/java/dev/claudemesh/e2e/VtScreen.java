package dev.claudemesh.e2e;

import java.util.Arrays;

/**
 * A minimal VT100/xterm screen model, good enough to read what Claude Code's TUI shows: cursor
 * addressing, erasing, scroll regions, line insert/delete and the alternate screen. Colours and modes are
 * ignored. Wide characters take two cells.
 */
final class VtScreen implements AnsiParser.Sink {

    private static final int EMPTY = ' ';
    private static final int WIDE_TAIL = 0;

    private int cols;
    private int rows;
    private int[][] main;
    private int[][] alternate;
    private int[][] cells;
    private int x;
    private int y;
    private int savedX;
    private int savedY;
    private int top;
    private int bottom;
    private boolean wrapPending;

    VtScreen(int cols, int rows) {
        this.cols = cols;
        this.rows = rows;
        main = blank(rows, cols);
        alternate = blank(rows, cols);
        cells = main;
        bottom = rows - 1;
    }

    /** The visible screen, one line per row, trailing blanks and trailing empty rows removed. */
    String text() {
        StringBuilder out = new StringBuilder();
        for (int[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int cell : row) {
                if (cell != WIDE_TAIL) {
                    line.appendCodePoint(cell);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    void resize(int newCols, int newRows) {
        main = copy(main, newRows, newCols);
        alternate = copy(alternate, newRows, newCols);
        cells = cells == main ? main : alternate;
        cols = newCols;
        rows = newRows;
        top = 0;
        bottom = rows - 1;
        x = Math.min(x, cols - 1);
        y = Math.min(y, rows - 1);
    }

    @Override
    public void print(int codePoint) {
        int width = CharWidth.of(codePoint);
        if (width == 0) {
            return;
        }
        if (wrapPending || x + width > cols) {
            x = 0;
            lineFeed();
        }
        wrapPending = false;
        cells[y][x] = codePoint;
        if (width == 2 && x + 1 < cols) {
            cells[y][x + 1] = WIDE_TAIL;
        }
        x += width;
        if (x >= cols) {
            x = cols - 1;
            wrapPending = true;
        }
    }

    @Override
    public void control(char c) {
        switch (c) {
            case '\r' -> moveTo(0, y);
            case '\n', 0x0b, 0x0c -> {
                wrapPending = false;
                lineFeed();
            }
            case '\b' -> moveTo(x - 1, y);
            case '\t' -> moveTo(Math.min(cols - 1, (x / 8 + 1) * 8), y);
            default -> {}
        }
    }

    @Override
    public void csi(char prefix, int[] p, char command) {
        if (prefix == '?') {
            if (command == 'h' || command == 'l') {
                for (int mode : p) {
                    if (mode == 1049 || mode == 1047 || mode == 47) {
                        switchScreen(command == 'h', mode == 1049);
                    }
                }
            }
            return;
        }
        if (prefix != 0) {
            return;
        }
        int n = Math.max(1, arg(p, 0));
        switch (command) {
            case 'A' -> moveTo(x, Math.max(y - n, y >= top ? top : 0));
            case 'B' -> moveTo(x, Math.min(y + n, y <= bottom ? bottom : rows - 1));
            case 'C' -> moveTo(x + n, y);
            case 'D' -> moveTo(x - n, y);
            case 'E' -> moveTo(0, y + n);
            case 'F' -> moveTo(0, y - n);
            case 'G', '`' -> moveTo(n - 1, y);
            case 'd' -> moveTo(x, n - 1);
            case 'H', 'f' -> moveTo(Math.max(1, arg(p, 1)) - 1, n - 1);
            case 'J' -> eraseDisplay(arg(p, 0));
            case 'K' -> eraseLine(arg(p, 0));
            case 'X' -> fill(y, x, Math.min(cols, x + n));
            case '@' -> shiftRight(n);
            case 'P' -> shiftLeft(n);
            case 'L' -> insertLines(n);
            case 'M' -> deleteLines(n);
            case 'S' -> scrollUp(top, bottom, n);
            case 'T' -> scrollDown(top, bottom, n);
            case 'r' -> setScrollRegion(arg(p, 0), arg(p, 1));
            case 's' -> saveCursor();
            case 'u' -> restoreCursor();
            default -> {}
        }
    }

    @Override
    public void escape(String intermediates, char command) {
        if (!intermediates.isEmpty()) {
            return;
        }
        switch (command) {
            case '7' -> saveCursor();
            case '8' -> restoreCursor();
            case 'D' -> lineFeed();
            case 'E' -> {
                moveTo(0, y);
                lineFeed();
            }
            case 'M' -> reverseLineFeed();
            case 'c' -> {
                main = blank(rows, cols);
                alternate = blank(rows, cols);
                cells = main;
                top = 0;
                bottom = rows - 1;
                moveTo(0, 0);
            }
            default -> {}
        }
    }

    private static int arg(int[] p, int i) {
        return i < p.length ? p[i] : 0;
    }

    private void moveTo(int newX, int newY) {
        x = Math.max(0, Math.min(cols - 1, newX));
        y = Math.max(0, Math.min(rows - 1, newY));
        wrapPending = false;
    }

    private void lineFeed() {
        if (y == bottom) {
            scrollUp(top, bottom, 1);
        } else if (y < rows - 1) {
            y++;
        }
    }

    private void reverseLineFeed() {
        if (y == top) {
            scrollDown(top, bottom, 1);
        } else if (y > 0) {
            y--;
        }
    }

    private void scrollUp(int from, int to, int n) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(cells, from + 1, cells, from, to - from);
            cells[to] = blankRow(cols);
        }
    }

    private void scrollDown(int from, int to, int n) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(cells, from, cells, from + 1, to - from);
            cells[from] = blankRow(cols);
        }
    }

    private void insertLines(int n) {
        if (y >= top && y <= bottom) {
            scrollDown(y, bottom, Math.min(n, bottom - y + 1));
        }
    }

    private void deleteLines(int n) {
        if (y >= top && y <= bottom) {
            scrollUp(y, bottom, Math.min(n, bottom - y + 1));
        }
    }

    private void eraseDisplay(int mode) {
        switch (mode) {
            case 0 -> {
                fill(y, x, cols);
                for (int r = y + 1; r < rows; r++) fill(r, 0, cols);
            }
            case 1 -> {
                for (int r = 0; r < y; r++) fill(r, 0, cols);
                fill(y, 0, x + 1);
            }
            default -> {
                for (int r = 0; r < rows; r++) fill(r, 0, cols);
            }
        }
    }

    private void eraseLine(int mode) {
        switch (mode) {
            case 0 -> fill(y, x, cols);
            case 1 -> fill(y, 0, x + 1);
            default -> fill(y, 0, cols);
        }
    }

    private void fill(int row, int from, int to) {
        Arrays.fill(cells[row], Math.max(0, from), Math.min(cols, to), EMPTY);
    }

    private void shiftRight(int n) {
        int[] row = cells[y];
        int count = Math.max(0, cols - x - n);
        System.arraycopy(row, x, row, x + Math.min(n, cols - x), count);
        fill(y, x, x + n);
    }

    private void shiftLeft(int n) {
        int[] row = cells[y];
        int count = Math.max(0, cols - x - n);
        System.arraycopy(row, Math.min(cols, x + n), row, x, count);
        fill(y, cols - Math.min(n, cols - x), cols);
    }

    private void setScrollRegion(int first, int last) {
        int newTop = Math.max(1, first) - 1;
        int newBottom = (last == 0 ? rows : Math.min(rows, last)) - 1;
        if (newTop < newBottom) {
            top = newTop;
            bottom = newBottom;
            moveTo(0, 0);
        }
    }

    private void saveCursor() {
        savedX = x;
        savedY = y;
    }

    private void restoreCursor() {
        moveTo(savedX, savedY);
    }

    private void switchScreen(boolean toAlternate, boolean withCursor) {
        if (toAlternate && cells != alternate) {
            if (withCursor) saveCursor();
            alternate = blank(rows, cols);
            cells = alternate;
        } else if (!toAlternate && cells != main) {
            cells = main;
            if (withCursor) restoreCursor();
        }
    }

    private static int[][] blank(int rows, int cols) {
        int[][] grid = new int[rows][];
        for (int r = 0; r < rows; r++) grid[r] = blankRow(cols);
        return grid;
    }

    private static int[] blankRow(int cols) {
        int[] row = new int[cols];
        Arrays.fill(row, EMPTY);
        return row;
    }

    private static int[][] copy(int[][] grid, int newRows, int newCols) {
        int[][] result = blank(newRows, newCols);
        for (int r = 0; r < Math.min(newRows, grid.length); r++) {
            System.arraycopy(grid[r], 0, result[r], 0, Math.min(newCols, grid[r].length));
        }
        return result;
    }
}
