package dev.claudemesh.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the built jar (failsafe sets {@code claudemesh.jar}) as a real process, the way claude runs hooks. */
public final class JarRunner {
    private JarRunner() {}

    public record Result(int exit, String out, String err, long millis) {}

    public static Path jar() {
        Path p = Path.of(System.getProperty("claudemesh.jar", "target/claudemesh.jar"));
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no built jar at " + p + "; run `./mvnw package` first");
        }
        return p;
    }

    public static Result run(Map<String, String> env, String stdin, List<String> jvmArgs, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLAUDE"));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException closedEarly) {
            // the process may exit before reading stdin
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(
                p.exitValue(),
                new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8),
                ms);
    }

    /** Starts the jar (not waiting for it) with {@code stdin} written and closed; the caller ends the process. */
    public static Process start(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLAUDE"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
