package dev.claudemesh.gui.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import com.techsenger.jeditermfx.core.ProcessTtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.nio.charset.StandardCharsets;

/** jeditermfx's view of a pty4j process: output, input, and the window size following the widget. */
final class TerminalConnector extends ProcessTtyConnector {
    private final PtyProcess process;
    private final String name;

    TerminalConnector(PtyProcess process, String name) {
        super(process, StandardCharsets.UTF_8);
        this.process = process;
        this.name = name;
    }

    @Override
    public void resize(TermSize size) {
        if (isConnected()) {
            process.setWinSize(new WinSize(size.getColumns(), size.getRows()));
        }
    }

    @Override
    public boolean isConnected() {
        return process.isAlive();
    }

    @Override
    public String getName() {
        return name;
    }
}
