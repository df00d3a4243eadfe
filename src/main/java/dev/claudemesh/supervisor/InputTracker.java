package dev.claudemesh.supervisor;

import dev.claudemesh.supervisor.KeyDecoder.Key;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches every byte the user types into claude and keeps, conservatively, whether claude's input line holds a
 * draft, and when the last key came. When in doubt it says "draft": typed text, the user's own bracketed pastes,
 * history recall and anything that may insert unseen text all count; Enter, Ctrl-C and (for a draft we know
 * exactly) Ctrl-U clear it; Backspace clears it only when it deletes the last character of a draft we know
 * exactly. Exceptions to Enter: after a trailing backslash (claude inserts a line break) and right after an
 * {@code @mention} (Enter picks the completion) the draft stays.
 */
public final class InputTracker {
    private static final int MAX_EXACT = 4096;

    private final MonotonicClock clock;
    private final KeyDecoder decoder = new KeyDecoder();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private boolean draft;
    /** The draft's code points, while we know it exactly (typed at the end of the line only). */
    private final int[] text = new int[MAX_EXACT];

    private int length;
    private boolean exact;
    private boolean lastKeyWasEnter;
    private boolean sawKey;
    private boolean anyKey;
    private long lastKeyNanos;

    public InputTracker(MonotonicClock clock) {
        this.clock = clock;
    }

    /** Observes bytes read from the user's terminal, before they are written to claude. */
    public void observe(byte[] bytes, int offset, int length) {
        boolean key;
        synchronized (this) {
            sawKey = false;
            decoder.feed(bytes, offset, length, this::onKey);
            key = sawKey || decoder.inKeySequence();
            if (key) {
                anyKey = true;
                lastKeyNanos = clock.nanos();
            }
        }
        if (key) {
            listeners.forEach(Runnable::run);
        }
    }

    public synchronized InputSnapshot snapshot() {
        return new InputSnapshot(draft, anyKey, lastKeyNanos);
    }

    /**
     * Tells the tracker that claude took a prompt (UserPromptSubmit). If the user's last key was Enter, the line is
     * empty now, whatever the tracker guessed about that Enter.
     */
    public void promptSubmitted() {
        boolean changed;
        synchronized (this) {
            changed = draft && lastKeyWasEnter;
            if (changed) {
                clear();
            }
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} after every observed key (on the reading thread; keep it short). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void onKey(Key key, int codePoint) {
        sawKey = true;
        lastKeyWasEnter = key == Key.ENTER;
        switch (key) {
            case TEXT -> typed(codePoint);
            case ENTER -> enter();
            case INTERRUPT -> clear();
            case KILL_LINE -> {
                if (draft && exact) {
                    clear();
                }
            }
            case BACKSPACE -> {
                if (draft && exact && --length == 0) {
                    clear();
                }
            }
            case NEWLINE, HISTORY, INSERT_UNKNOWN, PASTE_START, PASTE_END -> inexactDraft();
            case EDIT -> exact = false;
            case NEUTRAL -> {}
            default -> throw new IllegalStateException("key " + key);
        }
    }

    private void typed(int codePoint) {
        if (!draft) {
            draft = true;
            exact = true;
            length = 0;
        }
        if (exact) {
            if (length == MAX_EXACT) {
                exact = false;
            } else {
                text[length++] = codePoint;
            }
        }
    }

    private void enter() {
        if (draft && exact && (text[length - 1] == '\\' || inMention())) {
            exact = false; // a line break, or a completion picked: the text stays
        } else {
            clear();
        }
    }

    /** Whether the word at the end of the exact draft starts with {@code @}. */
    private boolean inMention() {
        int i = length - 1;
        while (i >= 0 && !Character.isWhitespace(text[i])) {
            i--;
        }
        return i + 1 < length && text[i + 1] == '@';
    }

    private void inexactDraft() {
        draft = true;
        exact = false;
    }

    private void clear() {
        draft = false;
        exact = false;
        length = 0;
    }
}
