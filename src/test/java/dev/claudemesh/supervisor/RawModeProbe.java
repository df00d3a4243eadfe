package dev.claudemesh.supervisor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child for {@link RawTermiosTest}: puts its terminal in raw mode the supervisor's way ({@code native}) or by
 * {@code stty} ({@code stty}), then prints MODES:<stty -g>.
 */
public final class RawModeProbe {
    public static void main(String[] args) throws Exception {
        NativeLibraries.prepare(Path.of(args[1]));
        if (args[0].equals("native")) {
            NativeTerminalModes.open().raw();
        } else {
            SttyTerminalModes.stty(SttyTerminalModes.RAW);
        }
        Process p = new ProcessBuilder("stty", "-g")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
                .start();
        String modes = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        System.out.print("MODES:" + modes + "\n");
        System.out.flush();
    }
}
