package dev.claudemesh.supervisor;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.pty4j.unix.UnixPtyProcess;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.nativ.JLineLibrary;

/**
 * A child process in a pty4j pseudo-terminal. Output and input go straight through the master descriptor with the
 * JDK's file streams when JLine's native library can wrap it (one read or write system call per buffer, no JNA
 * copies); otherwise through pty4j's streams.
 */
public final class PtySession implements PtyConnector {
    private final PtyProcess process;
    private final InputStream output;
    /** The master descriptor as a channel (reads straight into direct buffers), or null with pty4j's streams. */
    private final FileChannel outputChannel;

    private final OutputStream input;
    /** The master descriptor, which {@link #pending()} asks directly; -1 with pty4j's streams or once that failed. */
    private int directFd;
    /** Scratch space of {@link #pending()}, which only the thread that reads the output calls. */
    private final int[] readable = new int[1];

    private final int fallbackFd;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ProcessHandle handle;
    /** Once closed, the master descriptor number may belong to another file: never touch it again. */
    private volatile boolean closed;

    private PtySession(PtyProcess process) {
        this.process = process;
        this.handle = ProcessHandle.of(process.pid()).orElse(null);
        int masterFd = process instanceof UnixPtyProcess unix ? unix.getPty().getMasterFD() : -1;
        FileDescriptor master = masterFd >= 0 ? wrap(masterFd) : null;
        if (master != null) {
            FileInputStream stream = new FileInputStream(master);
            this.output = stream;
            this.outputChannel = stream.getChannel();
            this.input = new FileOutputStream(master);
            this.directFd = masterFd;
            this.fallbackFd = -1;
        } else {
            this.output = process.getInputStream();
            this.outputChannel = null;
            this.input = process.getOutputStream();
            this.directFd = -1;
            this.fallbackFd = masterFd;
        }
    }

    /** A FileDescriptor for a raw descriptor number, through JLine's native library; null if unavailable. */
    private static FileDescriptor wrap(int fd) {
        try {
            return JLineLibrary.newFileDescriptor(fd);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Starts the command in a new pseudo-terminal of the command's size. pty4j's native library location is taken
     * from system properties: call {@link NativeLibraries#prepare} first to avoid a temp-dir extraction per start.
     */
    public static PtySession start(PtyCommand command) throws IOException {
        WindowSize size = command.size();
        PtyProcess process = new PtyProcessBuilder(command.command().toArray(String[]::new))
                .setEnvironment(command.environment())
                .setDirectory(command.directory().toString())
                .setConsole(false)
                .setRedirectErrorStream(true)
                .setInitialColumns(size.columns())
                .setInitialRows(size.rows())
                .start();
        PtySession session = new PtySession(process);
        // pty4j applies the initial size only once the child runs; set it again right after spawn
        session.resize(size);
        return session;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            return -1;
        }
        try {
            return output.read(buffer, offset, length);
        } catch (IOException e) {
            return -1; // EIO: every holder of the child's side closed it, and its output is drained
        }
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        if (outputChannel == null) {
            return PtyConnector.super.read(buffer);
        }
        if (closed) {
            return -1;
        }
        try {
            return outputChannel.read(buffer);
        } catch (IOException e) {
            return -1; // EIO, as above
        }
    }

    /** Call it from the thread that reads the output only (it shares one scratch array). */
    @Override
    public int pending() {
        if (closed) {
            return 0;
        }
        if (directFd >= 0) {
            int n = Posix.readable(directFd, readable);
            if (n >= 0) {
                return n;
            }
            directFd = -1; // not here: the stream's way from now on
        }
        try {
            return output.available();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            if (closed) {
                throw new IOException("the pseudo-terminal is closed");
            }
            if (fallbackFd >= 0) {
                // pty4j's own stream ignores partial writes; write every byte
                Posix.writeFully(fallbackFd, bytes, offset, length);
            } else {
                input.write(bytes, offset, length); // the JDK writes every byte
                input.flush();
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void exclusively(IoAction action) throws IOException, InterruptedException {
        writeLock.lockInterruptibly();
        try {
            action.run();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void resize(WindowSize size) throws IOException {
        try {
            process.setWinSize(new WinSize(size.columns(), size.rows()));
        } catch (IllegalStateException e) {
            throw new IOException("cannot resize the pseudo-terminal: " + e.getMessage(), e);
        }
    }

    public WindowSize size() throws IOException {
        WinSize size = process.getWinSize();
        return WindowSize.orDefault(size.getColumns(), size.getRows());
    }

    @Override
    public ProcessHandle process() {
        if (handle == null) {
            throw new IllegalStateException("the child " + process.pid() + " was gone right after it started");
        }
        return handle;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    @Override
    public void hangup() {
        signal(Posix.SIGHUP);
    }

    @Override
    public void terminate() {
        signal(Posix.SIGTERM);
    }

    @Override
    public void kill() {
        signal(Posix.SIGKILL);
    }

    /**
     * Whether the child's terminal reads lines (canonical input, {@code ICANON}), as it does when the child is not
     * in raw mode. A PTY's master answers {@code tcgetattr} with its slave's modes (Linux). False when unknown.
     */
    boolean canonicalInput() {
        int fd = directFd >= 0 ? directFd : fallbackFd;
        if (closed
                || fd < 0
                || !RawTermios.bitsKnown(System.getProperty("os.name", ""), System.getProperty("os.arch", ""))) {
            return false;
        }
        try {
            org.jline.nativ.CLibrary.Termios modes = new org.jline.nativ.CLibrary.Termios();
            return org.jline.nativ.CLibrary.tcgetattr(fd, modes) == 0 && (modes.c_lflag & RawTermios.ICANON) != 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Sends a signal to the child's process group (the child leads its own session in the PTY), as a terminal does,
     * so that a wrapper script and the program it started both get it; falls back to the child alone.
     */
    public boolean signal(int signal) {
        return process.isAlive() && (Posix.signalGroup(process.pid(), signal) || Posix.signal(process.pid(), signal));
    }

    @Override
    public void close() {
        writeLock.lock(); // no write in flight while the descriptor goes
        try {
            closed = true;
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            if (process instanceof UnixPtyProcess unix) {
                unix.getPty().close();
            }
        } catch (IOException e) {
            // already closed
        } finally {
            writeLock.unlock();
        }
    }
}
