package dev.claudemesh.supervisor;

import com.pty4j.unix.CLibrary;
import com.pty4j.unix.PtyHelpers;
import java.io.Console;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The few system calls the supervisor needs beyond pty4j's and JLine's own API, through pty4j's libc binding (JNA)
 * and JLine's native library (JNI).
 */
final class Posix {
    /** {@code FIONREAD} where its value is known for sure (Linux on x86-64 and ARM, macOS); 0 elsewhere. */
    static final long FIONREAD = fionread(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    // job control, Linux's numbers (JobControl acts only where the termios bits are Linux's)
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;
    static final int SIGTSTP = 20;

    private Posix() {}

    /**
     * Whether stdin and stdout are both terminals. {@link System#console()} answers exactly that up to Java 21;
     * from Java 22 on it exists more often and {@code Console.isTerminal()} answers instead.
     */
    static boolean stdinAndStdoutAreTerminals() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    static long fionread(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")
                && Set.of("amd64", "x86_64", "aarch64", "arm", "arm64").contains(arch)) {
            return 0x541B;
        }
        return os.startsWith("mac") ? 0x4004667FL : 0;
    }

    /**
     * How many bytes a read of {@code fd} would return now: one {@code ioctl(FIONREAD)} through JLine's native
     * library ({@link java.io.FileInputStream#available} makes an {@code fstat} first, on every call). {@code count}
     * is the caller's scratch space, so that nothing is allocated per call. -1 when it cannot be asked here.
     */
    static int readable(int fd, int[] count) {
        if (FIONREAD == 0) {
            return -1;
        }
        try {
            return org.jline.nativ.CLibrary.ioctl(fd, FIONREAD, count) == 0 ? count[0] : -1;
        } catch (LinkageError e) {
            return -1; // JLine's native library did not load
        }
    }

    /** Sends a signal to a process; false if it is gone. */
    static boolean signal(long pid, int signal) {
        return PtyHelpers.getInstance().kill(Math.toIntExact(pid), signal) == 0;
    }

    /** Sends a signal to a process group; false if there is no such group. */
    static boolean signalGroup(long pgrp, int signal) {
        return PtyHelpers.getInstance().killpg(Math.toIntExact(pgrp), signal) == 0;
    }

    /** Writes all bytes to a blocking descriptor, retrying partial writes and interrupted calls. */
    static void writeFully(int fd, byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            byte[] chunk = offset + done == 0 && length == bytes.length
                    ? bytes
                    : Arrays.copyOfRange(bytes, offset + done, offset + length);
            int n = CLibrary.write(fd, chunk, chunk.length);
            if (n > 0) {
                done += n;
                continue;
            }
            int errno = CLibrary.errno();
            if (n < 0 && errno == CLibrary.EINTR) {
                continue;
            }
            if (n < 0 && errno == CLibrary.EAGAIN) {
                pause();
                continue;
            }
            throw new IOException("writing to the pseudo-terminal failed (errno " + errno + ")");
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the pseudo-terminal");
        }
    }
}
