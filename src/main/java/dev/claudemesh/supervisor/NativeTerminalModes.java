package dev.claudemesh.supervisor;

import java.io.IOException;
import org.jline.nativ.CLibrary;
import org.jline.nativ.CLibrary.Termios;

/**
 * Terminal modes through JLine's native library: the original {@code termios} is saved whole and written back
 * whole (JLine's own {@code Attributes} drop the line speed, so restoring through them changes the terminal). Raw
 * mode is derived from the saved {@code termios} where its bits are known ({@link RawTermios}: no process to start
 * while claude starts), else set once by {@code stty} (portable flag names); either way it is read back and
 * re-applied from then on.
 */
final class NativeTerminalModes implements TerminalModes {
    private static final int STDIN = 0;
    private static final int STDOUT = 1;

    private final Termios original;
    private Termios raw;
    private boolean keepOutput;

    private NativeTerminalModes(Termios original) {
        this.original = original;
    }

    /** Saves the current modes; fails if the native library cannot load or stdin is not a terminal. */
    static NativeTerminalModes open() throws IOException {
        try {
            Termios original = new Termios();
            if (CLibrary.tcgetattr(STDIN, original) != 0) {
                throw new IOException("cannot read the terminal modes of stdin");
            }
            return new NativeTerminalModes(original);
        } catch (LinkageError e) {
            throw new IOException("JLine's native library is not available: " + e, e);
        }
    }

    @Override
    public synchronized boolean keepOutputProcessing() {
        if (raw == null && RawTermios.bitsKnown(osName(), osArch())) {
            keepOutput = true;
        }
        return keepOutput;
    }

    private static String osName() {
        return System.getProperty("os.name", "");
    }

    private static String osArch() {
        return System.getProperty("os.arch", "");
    }

    @Override
    public synchronized void raw() throws IOException {
        if (raw == null) {
            Termios computed =
                    RawTermios.from(original, osName(), osArch(), keepOutput).orElse(null);
            if (computed == null) {
                SttyTerminalModes.stty(SttyTerminalModes.RAW);
            } else if (CLibrary.tcsetattr(STDIN, CLibrary.TCSANOW, computed) != 0) {
                throw new IOException("cannot set raw mode on stdin");
            }
            Termios current = new Termios();
            if (CLibrary.tcgetattr(STDIN, current) != 0) {
                throw new IOException("cannot read the terminal modes of stdin");
            }
            raw = current;
        } else if (CLibrary.tcsetattr(STDIN, CLibrary.TCSANOW, raw) != 0) {
            throw new IOException("cannot set raw mode on stdin");
        }
    }

    @Override
    public synchronized void restore() {
        CLibrary.tcsetattr(STDIN, CLibrary.TCSANOW, original); // fails only when the terminal is gone
    }

    @Override
    public WindowSize size() {
        for (int fd : new int[] {STDOUT, STDIN}) {
            CLibrary.WinSize size = new CLibrary.WinSize();
            if (CLibrary.ioctl(fd, CLibrary.TIOCGWINSZ, size) == 0) {
                return WindowSize.orDefault(size.ws_col, size.ws_row);
            }
        }
        return WindowSize.DEFAULT;
    }
}
