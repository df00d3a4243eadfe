package dev.claudemesh.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever arrives on a hook's stdin, the hook fails open: exit 0, and stdout is empty or one JSON object (a
 * status line: one line of text). */
class HookStdinFuzzTest {
    static TestDaemon d;
    static Sleepers sleepers;
    static Path dir;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("claudemesh-hookfuzz");
        d = TestDaemon.start(dir);
        sleepers = new Sleepers();
        d.register("hookfuzz-1", sleepers.start(), "/tmp/work/hookfuzz");
    }

    @AfterContainer
    static void stop() throws Exception {
        d.close();
        sleepers.close();
        dev.claudemesh.support.TempDirs.deleteTree(dir);
    }

    @Provide
    Arbitrary<String> stdin() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings()
                        .all()
                        .ofMaxLength(30)
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.of("1", "-1", "1e999", "true", "null", "[]", "{}", "[[[[", "\"../../etc\""),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMaxLength(5)
                        .map(s -> "\"" + s + "\""));
        Arbitrary<String> objects = net.jqwik.api.Combinators.combine(
                        Arbitraries.of("session_id", "cwd", "prompt", "transcript_path", "stop_hook_active", "source"),
                        value,
                        value)
                .as((k, v, sid) -> "{\"session_id\":" + sid + ",\"" + k + "\":" + v + "}");
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                objects,
                Arbitraries.of("", "{", "{\"session_id\":\"hookfuzz-1\"", "{}", "[]", "\u0000\u0000", "{\"a\":1}}"),
                Arbitraries.integers().between(1, 100).map(n -> "{\"x\":" + "[".repeat(n * 20)),
                Arbitraries.just("{\"session_id\":\"hookfuzz-1\",\"prompt\":\"" + "p".repeat(300_000) + "\"}"));
    }

    @Property(tries = 150)
    void any_stdin_fails_open(@ForAll("stdin") String input, @ForAll("event") String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HookMain h = new HookMain(
                Map.of("CLAUDEMESH_HOME", d.home.dir().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new HookMain.Watchdog(60_000));

        int exit;
        try {
            exit = h.run(event, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException slowDaemon) {
            exit = 0; // HookMain.main turns an I/O failure (a timeout on a loaded machine) into exit 0, silently
        }

        assertThat(exit).isEqualTo(0);
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        if (event.equals("StatusLine")) {
            assertThat(printed.chars().filter(c -> c < 0x20))
                    .as("a status line badge")
                    .isEmpty();
        } else if (!printed.isEmpty()) {
            assertThat(LeanJson.parseObject(printed)).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> event() {
        return Arbitraries.of("UserPromptSubmit", "Stop", "SessionEnd", "StatusLine", "NoSuchEvent");
    }
}
