package dev.claudemesh.supervisor;

/**
 * What the typing guard knows about the user's input at one moment.
 *
 * @param draft whether claude's input line may hold text the user typed, pasted or recalled
 * @param anyKey whether the user pressed any key yet
 * @param lastKeyNanos when the last key arrived, on the tracker's {@link MonotonicClock}; meaningless without a key
 */
public record InputSnapshot(boolean draft, boolean anyKey, long lastKeyNanos) {
    public static final InputSnapshot NONE = new InputSnapshot(false, false, 0);
}
