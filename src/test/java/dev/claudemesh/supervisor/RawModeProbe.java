package dev.claudemesh.supervisor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child for {@link RawTermiosTest}: puts its terminal in raw mode the supervisor's way ({@code native}, or
 * {@code native-keep-output} as for a claude writing to the terminal itself) or by {@code stty} ({@code stty}, or
 * {@code stty-opost}: raw with output processing on), then prints MODES:<stty -g>.
 */
public final class RawModeProbe {
    public static void main(String[] args) throws Exception {
        NativeLibraries.prepare(Path.of(args[1]));
        switch (args[0]) {
            case "native" -> NativeTerminalModes.open().raw();
            case "native-keep-output" -> {
                NativeTerminalModes modes = NativeTerminalModes.open();
                if (!modes.keepOutputProcessing()) {
                    throw new IllegalStateException("output processing cannot be kept here");
                }
                modes.raw();
            }
            case "stty" -> SttyTerminalModes.stty(SttyTerminalModes.RAW);
            default -> { // stty-opost
                List<String> raw = new ArrayList<>(SttyTerminalModes.RAW);
                raw.add("opost");
                SttyTerminalModes.stty(raw);
            }
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
