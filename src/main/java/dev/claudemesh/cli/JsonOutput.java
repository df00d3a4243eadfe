package dev.claudemesh.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the daemon's answer for scripts instead of the human rendering. */
final class JsonOutput {
    @Option(names = "--json", description = "Print the daemon's answer as JSON.")
    boolean enabled;
}
