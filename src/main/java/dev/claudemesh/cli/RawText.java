package dev.claudemesh.cli;

import picocli.CommandLine.Option;

/** {@code --raw}: transcript text as recorded, secrets not masked. */
final class RawText {
    @Option(names = "--raw", description = "Show the text as recorded, secrets not masked.")
    boolean enabled;
}
