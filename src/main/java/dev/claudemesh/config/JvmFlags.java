package dev.claudemesh.config;

import java.util.List;

/** JVM flags of the long-running processes, in one place for the launchers that start them. */
public final class JvmFlags {
    /**
     * The tray app (JavaFX, usually hosting the daemon): a small heap and quick JIT keep it near 100 MiB
     * resident when idle; JavaFX's software pipeline saves the 40-60 MiB a GL driver maps (GUI-RECIPE.md §8).
     */
    public static final List<String> TRAY = List.of(
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=32m",
            "-Dprism.order=sw");

    /**
     * The headless daemon: one small-footprint collector, a heap cap well above what it uses, and C1 only: a young
     * daemon's C2 compilations were half its CPU over its first thousands of requests (taken from the claude beside
     * it), and C1 code serves a hook request at least as fast (packaging/bench daemon-young, daemon).
     */
    public static final List<String> DAEMON = List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1");

    /**
     * claudemesh's own commands and the supervisor (which lives as long as its claude, relaying its terminal): the
     * small collector, C1 only and no perf-data file start a JVM sooner and keep it smaller; the relay is native I/O
     * (packaging/bench pty). The packaged app's launcher runs everything so.
     */
    public static final List<String> CLIENT =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private JvmFlags() {}
}
