package dev.claudemesh.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command. */
public final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;
}
