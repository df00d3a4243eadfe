package dev.claudemesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A throwaway HOME for running install/uninstall in-process with captured output. */
final class TestHome {
    record Result(int code, String out, String err) {}

    final Path root;
    final Path home;
    final Map<String, String> env = new HashMap<>();

    TestHome(Path root) {
        this.root = root;
        this.home = root.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HOME", home.toString());
    }

    Path settings() {
        String dir = env.get("CLAUDE_CONFIG_DIR");
        return dir != null ? Path.of(dir, "settings.json") : home.resolve(".claude/settings.json");
    }

    Path claudeJson() {
        String dir = env.get("CLAUDE_CONFIG_DIR");
        return dir != null ? Path.of(dir, ".claude.json") : home.resolve(".claude.json");
    }

    Path meshHome() {
        String dir = env.get("CLAUDEMESH_HOME");
        return dir != null ? Path.of(dir) : home.resolve(".claudemesh");
    }

    Path launcher() {
        return meshHome().resolve("bin/claudemesh");
    }

    /** A stand-in for the built jar (install only copies it when the CDS run is off). */
    Path fakeJar() {
        Path jar = root.resolve("build/claudemesh.jar");
        try {
            if (!Files.exists(jar)) {
                Files.createDirectories(jar.getParent());
                Files.write(jar, "PK\u0003\u0004 not really a jar".getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** {@code claudemesh install --no-cds --jar <fake jar> args...}. */
    Result install(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--no-cds", "--jar", fakeJar().toString()));
        all.addAll(List.of(args));
        return run("install", all.toArray(String[]::new));
    }

    Result uninstall(String... args) {
        return run("uninstall", args);
    }

    /** Runs {@code claudemesh <command> args...} in-process, through the CLI's one error handler. */
    Result run(String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = CliMain.run(
                all, Map.copyOf(env), InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(read(file), StandardCharsets.UTF_8);
    }
}
