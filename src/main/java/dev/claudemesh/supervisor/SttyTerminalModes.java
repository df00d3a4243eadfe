package dev.claudemesh.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Terminal modes through the {@code stty} command, for when JLine's native library cannot load. */
final class SttyTerminalModes implements TerminalModes {
    /** cfmakeraw's settings in stty's words. */
    static final List<String> RAW = List.of("raw", "-echo", "-echonl", "-iexten", "cs8", "-parenb");

    private final String original;

    private SttyTerminalModes(String original) {
        this.original = original;
    }

    static SttyTerminalModes open() throws IOException {
        return new SttyTerminalModes(stty(List.of("-g")));
    }

    @Override
    public void raw() throws IOException {
        stty(RAW);
    }

    @Override
    public void restore() {
        try {
            stty(List.of(original));
        } catch (IOException e) {
            // the terminal is gone
        }
    }

    @Override
    public WindowSize size() {
        try {
            String[] rowsColumns = stty(List.of("size")).split("\\s+");
            return WindowSize.orDefault(Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0]));
        } catch (IOException | RuntimeException e) {
            return WindowSize.DEFAULT;
        }
    }

    /** Runs stty on our stdin (the terminal) and returns what it prints. */
    static String stty(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running stty", e);
        }
        return out;
    }
}
