package dev.claudemesh.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** The CLI's command tree for tests in other packages. */
public final class CliTestAccess {
    private CliTestAccess() {}

    public static CommandLine commandTree() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CliMain.commandLine(new CliContext(Map.of(), InputStream.nullInputStream(), sink, sink));
    }
}
