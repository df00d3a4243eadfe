package dev.claudemesh.session;

import java.util.OptionalLong;

/** Tells when a pid's process started (empty if it is not running). Real: {@link ProcessInfo}. */
@FunctionalInterface
public interface ProcessProbe {
    OptionalLong startTime(long pid);

    ProcessProbe SYSTEM = ProcessInfo::startTime;
}
