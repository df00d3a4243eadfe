package dev.claudemesh.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * When the daemon raises a desktop notification for a task ({@code "notify"} in {@code config.json}).
 * Never for a note, never for a busy session (its Stop hook hands the task over), never for a supervised one.
 */
public enum NotifyMode {
    /** Only when nothing can wake the idle session: no supervisor and no background waiter (the default). */
    UNWAKEABLE("unwakeable"),
    /** Every task to an idle session without a supervisor, even one a background waiter will wake. */
    UNSUPERVISED("unsupervised"),
    /** Never. */
    OFF("off");

    private final String wire;

    NotifyMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The mode a config value names; anything else is a {@link MeshConfig.ConfigException} listing the choices. */
    public static NotifyMode parse(String value) {
        for (NotifyMode m : values()) {
            if (m.wire.equals(value)) {
                return m;
            }
        }
        throw new MeshConfig.ConfigException("notify must be one of "
                + Arrays.stream(values()).map(m -> "'" + m.wire + "'").collect(Collectors.joining(", "))
                + ", got '" + value + "'");
    }
}
