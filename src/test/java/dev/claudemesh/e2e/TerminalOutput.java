package dev.claudemesh.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a child process wrote to one stream, kept three ways: raw bytes, plain text (escapes
 * stripped, see {@link PlainTextSink}) and a {@link VtScreen}. A reader thread fills it; tests wait on it.
 */
final class TerminalOutput {

    private final String name;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024 + 8);
    private final StringBuilder decoded = new StringBuilder();
    private final PlainTextSink plain = new PlainTextSink();
    private final AnsiParser plainParser = new AnsiParser(plain);
    private final VtScreen screen;
    private final AnsiParser screenParser;
    private boolean ended;

    TerminalOutput(String name, int cols, int rows) {
        this.name = name;
        this.screen = new VtScreen(cols, rows);
        this.screenParser = new AnsiParser(screen);
    }

    /** Starts a daemon thread that copies {@code in} into this buffer until end of stream. */
    Thread pumpFrom(InputStream in) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (in) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            append(buffer, n);
                        }
                    } catch (IOException e) {
                        // the pty reports EIO once the child is gone: that is the end of the stream
                    } finally {
                        end();
                    }
                },
                "e2e-" + name + "-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    synchronized void append(byte[] bytes, int length) {
        raw.write(bytes, 0, length);
        int offset = 0;
        while (offset < length) {
            int chunk = Math.min(length - offset, pending.remaining());
            pending.put(bytes, offset, chunk);
            offset += chunk;
            pending.flip();
            decoder.decode(pending, chars, false);
            pending.compact();
            chars.flip();
            String text = chars.toString();
            chars.clear();
            decoded.append(text);
            plainParser.accept(text);
            screenParser.accept(text);
        }
        notifyAll();
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized byte[] rawBytes() {
        return raw.toByteArray();
    }

    /** Decoded output including escape sequences. */
    synchronized String decoded() {
        return decoded.toString();
    }

    synchronized String plainText() {
        return plain.text();
    }

    synchronized int mark() {
        return plain.length();
    }

    synchronized String plainTextFrom(int mark) {
        return plain.textFrom(mark);
    }

    synchronized String screenText() {
        return screen.text();
    }

    synchronized void resize(int cols, int rows) {
        screen.resize(cols, rows);
    }

    /** Waits until the plain text written after {@code mark} matches; returns the first match. */
    String awaitPlain(int mark, Pattern pattern, Duration timeout) {
        return awaitState(
                () -> {
                    Matcher m = pattern.matcher(plain.textFrom(mark));
                    return m.find() ? Optional.of(m.group()) : Optional.empty();
                },
                "output matching /" + pattern + "/",
                timeout);
    }

    /** Waits until the screen model satisfies {@code condition}; returns the screen text. */
    String awaitScreen(Predicate<String> condition, String description, Duration timeout) {
        return awaitState(
                () -> {
                    String text = screen.text();
                    return condition.test(text) ? Optional.of(text) : Optional.empty();
                },
                description,
                timeout);
    }

    private synchronized String awaitState(Supplier<Optional<String>> probe, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + description
                        + " on " + name + (ended ? " (stream ended)" : "") + ". Screen now:\n" + screen.text()
                        + "\n--- plain output tail ---\n" + tail(plain.text(), 3000) + "\n--- raw output saved in "
                        + dumpRaw() + " ---");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + description, e);
            }
        }
    }

    private String dumpRaw() {
        try {
            Path file = Files.createTempFile("claude-" + name.replace(' ', '-') + "-", ".raw");
            Files.write(file, raw.toByteArray());
            return file.toString();
        } catch (IOException e) {
            return "(could not save: " + e.getMessage() + ")";
        }
    }

    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
