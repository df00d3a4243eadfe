package dev.claudemesh.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code packaging/bench figures}: every figure of the thin-integration table in one run, each beside its
 * reference measured in the same run (plain claude, a Node hook, util-linux {@code script}) and its target, with
 * medians, p95 and run counts. The machine may be shared: the load average is printed before and after.
 */
final class FiguresBench {
    static final List<PromptBench.Variant> PROMPT_VARIANTS = List.of(
            new PromptBench.Variant("plain claude", null),
            new PromptBench.Variant("claudemesh, thin hooks", List.of("--hooks", "thin")),
            new PromptBench.Variant("claudemesh, JVM hooks", List.of("--hooks", "jvm")));

    private FiguresBench() {}

    static void run(PrintStream out) throws Exception {
        String loadBefore = loadAverage();
        out.printf("%d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadBefore);
        List<Figure> figures = new ArrayList<>();
        figures.addAll(PromptBench.run(out, PROMPT_VARIANTS));
        Stats supervised = WakeBench.measure(out, true);
        figures.add(new Figure(
                "supervised idle session, send -> model request", supervised.format("ms"), "-", "<= 150 ms median"));
        Stats bare = WakeBench.measure(out, false);
        figures.add(new Figure(
                "bare idle session (waiter), send -> model request", bare.format("ms"), "-", "<= 200 ms median"));
        figures.add(PtyBench.figure(out));
        Stats regex = TranscriptBench.regexWithoutLiteral(out, 200, 3);
        figures.add(new Figure("regex search without a literal, 200 MiB", regex.format("ms"), "-", "<= 2000 ms"));
        figures.addAll(HookBench.measure(out));
        figures.addAll(SessionMemoryBench.measure(out));
        figures.add(DaemonBench.measure(out));
        out.println();
        out.printf("%-58s | %-62s | %-44s | %s%n", "figure", "measured", "reference (same run)", "target");
        for (Figure f : figures) {
            out.printf("%-58s | %-62s | %-44s | %s%n", f.name(), f.measured(), f.reference(), f.target());
        }
        out.printf("load average before %s, after %s%n", loadBefore, loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
