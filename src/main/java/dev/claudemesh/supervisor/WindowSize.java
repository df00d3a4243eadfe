package dev.claudemesh.supervisor;

/** A terminal window size in character cells. */
public record WindowSize(int columns, int rows) {
    public static final WindowSize DEFAULT = new WindowSize(80, 24);

    public WindowSize {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("window size must be at least 1x1, got " + columns + "x" + rows);
        }
    }

    /** The given size, or {@link #DEFAULT} when a terminal reports zero or negative dimensions (size unknown). */
    public static WindowSize orDefault(int columns, int rows) {
        return columns > 0 && rows > 0 ? new WindowSize(columns, rows) : DEFAULT;
    }
}
