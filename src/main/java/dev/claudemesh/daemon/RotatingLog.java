package dev.claudemesh.daemon;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The headless daemon's log file: appends, and when it passes {@code maxBytes} moves it to {@code daemon.log.1}
 * (replacing the previous one) and starts a fresh file, so a daemon that runs for weeks keeps at most two files.
 */
final class RotatingLog extends OutputStream {
    static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private final Path file;
    private final long maxBytes;
    private OutputStream out;
    private long size;

    RotatingLog(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        open();
    }

    private void open() throws IOException {
        out = new FileOutputStream(file.toFile(), true);
        size = Files.exists(file) ? Files.size(file) : 0;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (size + len > maxBytes && size > 0) {
            rotate();
        }
        out.write(b, off, len);
        size += len;
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
