package dev.claudemesh.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Hooks that only record: for each event, {@code { cat; echo; } >> <dir>/<event>.jsonl} is appended to the
 * user settings, so each firing leaves its stdin JSON as one line. Lets a test see when and how claude ran
 * its hooks, next to whatever hooks {@code claudemesh install} configured.
 */
public final class HookRecorder {

    public static final List<String> SESSION_EVENTS = List.of("SessionStart", "UserPromptSubmit", "Stop", "SessionEnd");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private HookRecorder(Path dir) {
        this.dir = dir;
    }

    /** Records {@code events} (default: the four session events) into files under {@code dir}. */
    public static HookRecorder install(ClaudeHome home, Path dir, String... events) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
        List<String> names = events.length == 0 ? SESSION_EVENTS : List.of(events);
        for (String event : names) {
            if (!event.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("not a hook event name: " + event);
            }
            home.addHook(
                    event,
                    "{ cat; echo; } >> "
                            + shellQuote(dir.resolve(event + ".jsonl").toString()));
        }
        return new HookRecorder(dir);
    }

    /** The stdin of every firing of {@code event} so far, oldest first. */
    public List<JsonNode> events(String event) {
        Path file = dir.resolve(event + ".jsonl");
        List<JsonNode> result = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return result;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    result.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // a line being written right now: the caller polls again
        }
        return result;
    }

    /** Waits for a firing of {@code event} whose stdin matches, and returns that stdin. */
    public JsonNode await(String event, Predicate<JsonNode> condition, Duration timeout) {
        return Awaitility.await("hook " + event + " firing as expected")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> events(event).stream().filter(condition).findFirst(), Optional::isPresent)
                .get();
    }

    /** Waits for any firing of {@code event}. */
    public JsonNode await(String event, Duration timeout) {
        return await(event, stdin -> true, timeout);
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
