package dev.claudemesh.bench;

import dev.claudemesh.e2e.ClaudeProcess;
import dev.claudemesh.e2e.MeshWorld;
import dev.claudemesh.e2e.RecordedRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the real claude (2.1.332, claudemesh installed, fake API) takes a task typed the way the supervisor
 * types it: a bracketed paste of a rendered task and Enter, in one write or with Enter as a separate write after a
 * pause. The ways alternate, so a machine whose load drifts treats them alike. Measured from the first byte written
 * (the paste) to the model request carrying the task.
 */
public final class TypingBench {
    static final int ROUNDS = Integer.getInteger("claudemesh.typing.rounds", 12);

    private TypingBench() {}

    public static void run(PrintStream out) throws Exception {
        Map<String, Long> ways = new LinkedHashMap<>();
        ways.put("paste and Enter in one write", -1L);
        ways.put("paste, Enter 1 ms later", 1L);
        ways.put("paste, Enter 20 ms later", 20L);
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        ways.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
        String loadBefore = WakeBench.load();
        Path root = Files.createTempDirectory("claudemesh-typingbench");
        try (MeshWorld w = new MeshWorld(root)) {
            w.install();
            Path work = w.folder("bench");
            try (ClaudeProcess claude = w.interactive(work)) {
                String id = w.awaitSession("bench").path("id").asText();
                claude.submit("settle");
                w.api.awaitMainRequestContaining("settle", Duration.ofSeconds(30));
                for (int round = 0; round < ROUNDS; round++) {
                    for (Map.Entry<String, Long> way : ways.entrySet()) {
                        w.awaitIdle(id, true);
                        Thread.sleep(500);
                        String marker = "TYPED-" + round + "-" + way.getValue() + "-" + System.nanoTime();
                        String paste = "\u001b[200~[claudemesh] 1 task from other Claude Code sessions on this"
                                + " machine.\n<claudemesh-message id=\"m_0123456789ab\" kind=\"task\" from=\"cli\">\n"
                                + marker + " please look at the build\n</claudemesh-message>\u001b[201~";
                        long start = System.nanoTime();
                        if (way.getValue() < 0) {
                            claude.type(paste + "\r");
                        } else {
                            claude.type(paste);
                            Thread.sleep(way.getValue());
                            claude.type("\r");
                        }
                        RecordedRequest r = w.api.awaitMainRequestContaining(marker, Duration.ofSeconds(30));
                        ms.get(way.getKey()).add((r.arrivalNanos() - start) / 1e6);
                    }
                }
            }
        }
        out.printf("typing a task into an idle claude, first byte -> model request (%d rounds, alternating)%n", ROUNDS);
        for (Map.Entry<String, List<Double>> e : ms.entrySet()) {
            Stats s = Stats.of(
                    e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            out.printf("  %-30s median %6.1f ms  p95 %6.1f ms  (n=%d)%n", e.getKey(), s.median(), s.p95(), s.runs());
        }
        out.printf("  load average before: %s, after: %s%n", loadBefore, WakeBench.load());
    }
}
