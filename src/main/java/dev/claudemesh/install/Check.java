package dev.claudemesh.install;

import java.util.Objects;

/** One finding of {@link InstallCheck}: what was checked, how it stands, and a sentence about it. */
public record Check(String name, Status status, String detail) {
    public enum Status {
        /** Ours, current, pointing at a working launcher. */
        PRESENT,
        /** Not there at all. */
        MISSING,
        /** The slot is taken by another tool's entry. */
        FOREIGN,
        /** Ours but out of date or pointing at a launcher that is gone: re-run install. */
        STALE,
        /** The config file cannot be read as JSON. */
        INVALID
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean ok() {
        return status == Status.PRESENT;
    }
}
