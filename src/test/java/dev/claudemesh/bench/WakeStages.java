package dev.claudemesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.client.DaemonClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a wake-up's time goes, read after each send from what the parts already record, so next to nothing is
 * added on the path being measured (only the bare waiter's timed bash: one more bash that appends a line and
 * exits after the long-poll's): the daemon's message log (the lease: the supervisor's lease request or the waiter's
 * claim), its event stream ({@code busy}: claude's UserPromptSubmit for a supervised session, the waiter's claim for
 * a bare one), the supervisor's log ({@code typed lease}, after the Enter) and, for the bare waiter, the time its
 * long-poll's bash ended (a wrapper named by {@code CLAUDEMESH_WAITER_BASH}). All wall-clock milliseconds
 * (the daemon's are whole milliseconds), relative to {@code claudemesh send} returning.
 */
final class WakeStages {
    private final Map<String, List<Double>> stages = new LinkedHashMap<>();

    /** A bash that runs the waiter's long-poll and then appends {@code $EPOCHREALTIME} to {@code log}. */
    static Path timedBash(Path dir, Path log) throws IOException {
        Path script = dir.resolve("timed-bash");
        Files.writeString(
                script,
                "#!/bin/bash\n/bin/bash \"$@\"\nrc=$?\necho \"$EPOCHREALTIME $rc\" >> '" + log + "'\nexit $rc\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /** Wall-clock milliseconds (fractional) for a {@link System#nanoTime} of this JVM. */
    static double wallMillis(long nanoTime) {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        double nowMs = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
        return nowMs - (nowNanos - nanoTime) / 1e6;
    }

    void add(String stage, double ms) {
        stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms);
    }

    /** The daemon-side times of one message: its lease, and the first {@code busy} event after it was sent. */
    void daemonSide(DaemonClient c, String id, long cursor, String mid, double returned) throws Exception {
        for (JsonNode line : c.get("/v1/messages/" + mid).path("history")) {
            String[] f = line.asText().split(" ");
            if (f.length >= 2 && f[1].equals("leased")) {
                add("lease (daemon)", Long.parseLong(f[0]) - returned);
                break;
            }
        }
        JsonNode batch = c.events(id, cursor, 0);
        if (batch != null) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (JsonNode e : batch.path("events")) {
                String type = e.path("type").asText();
                int n = seen.merge(type, 1, Integer::sum);
                add(
                        "event " + type + (n > 1 ? " #" + n : "") + " (daemon)",
                        e.path("at").asLong() - returned);
            }
        }
    }

    /** The supervisor log's {@code typed lease} line for message {@code mid}. */
    void typed(Path supervisorLog, String mid, double returned) throws IOException {
        if (!Files.exists(supervisorLog)) {
            return;
        }
        for (String line : Files.readAllLines(supervisorLog)) {
            if (line.contains(" typed lease ") && line.contains(mid)) {
                Instant at = Instant.parse(line.substring(0, line.indexOf(' ')));
                add("typed (supervisor, after Enter)", at.getEpochSecond() * 1000.0 + at.getNano() / 1e6 - returned);
            }
        }
    }

    /** The last line the timed bash wrote: when the long-poll that delivered ended. */
    void waiterEnded(Path log, int linesBefore, double returned) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = linesBefore; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            if (f.length == 2 && f[1].equals("0")) {
                add("waiter poll answered (bash ended)", Double.parseDouble(f[0]) * 1000 - returned);
                return;
            }
        }
    }

    static int lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    void print(PrintStream out) {
        out.println("  where the time goes (ms after send returned; medians, cumulative):");
        for (Map.Entry<String, List<Double>> e : stages.entrySet()) {
            double[] d = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            Stats s = Stats.of(d);
            out.printf("    %-36s median %6.1f  p95 %6.1f  (n=%d)%n", e.getKey(), s.median(), s.p95(), s.runs());
        }
    }
}
