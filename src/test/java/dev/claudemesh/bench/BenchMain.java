package dev.claudemesh.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one benchmark entry point ({@code packaging/bench [name...]}): runs the named benchmarks, or with no
 * name the {@code figures} run (every headline figure beside its same-run reference and target). Benchmarks are
 * measurements, not tests.
 */
public final class BenchMain {
    interface Bench {
        void run(PrintStream out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("soak")) { // soak takes options: --minutes N --sessions N
            System.out.println("== soak");
            System.exit(SoakBench.run(System.out, List.of(args).subList(1, args.length)));
        }
        Map<String, Bench> all = new LinkedHashMap<>();
        all.put("daemon", DaemonBench::run);
        all.put("hooks", HookBench::run);
        all.put("transcripts", TranscriptBench::run);
        all.put("wake", WakeBench::run);
        all.put("typing", TypingBench::run);
        all.put("pty", PtyBench::run);
        all.put("mcp", McpBench::run);
        all.put("thin-mcp", ThinMcpBench::run);
        all.put("session-memory", SessionMemoryBench::run);
        all.put("tray", TrayBench::run);
        all.put("index", IndexBench::run);
        all.put("senders", SenderBench::run);
        all.put("figures", FiguresBench::run);
        all.put("prompt", out -> PromptBench.run(out, FiguresBench.PROMPT_VARIANTS));
        all.put("prompt-parts", PromptPartsBench::run);
        all.put("hook-cost", PromptPartsBench::hookCost);
        all.put("regex", out -> TranscriptBench.regexWithoutLiteral(out, 200, 5));
        List<String> chosen = new java.util.ArrayList<>();
        Map<String, List<String>> params = new java.util.HashMap<>();
        for (String a : args) {
            if (a.matches("\\d+") && !chosen.isEmpty()) {
                params.computeIfAbsent(chosen.get(chosen.size() - 1), k -> new java.util.ArrayList<>())
                        .add(a);
            } else {
                chosen.add(a);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add("figures");
        }
        List<String> indexArgs = params.getOrDefault("index", List.of());
        all.put("index", out -> IndexBench.run(out, indexArgs.toArray(String[]::new)));
        List<String> youngArgs = params.getOrDefault("daemon-young", List.of());
        all.put("daemon-young", out -> DaemonYoungBench.run(out, youngArgs.toArray(String[]::new)));
        for (String name : chosen) {
            Bench b = all.get(name);
            if (b == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + String.join(", ", all.keySet()));
                System.exit(2);
            }
            System.out.println("== " + name);
            b.run(System.out);
        }
        System.exit(0);
    }
}
