package dev.claudemesh.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes Claude Code-shaped transcripts whose words follow a Zipf law over a 40,000-word vocabulary (as real text
 * does: a few words everywhere, most words rare), with the records real transcripts carry: prompts, hook context,
 * assistant text with usage, Bash calls, tool results duplicated in {@code toolUseResult}, system records.
 */
final class ZipfTranscripts {
    static final String[] COMMON = ("the a to of and in is it for on with as this that be by are from at or an was"
                    + " error test build file server request timeout migration connection refused database config")
            .split(" ");
    private static final int VOCABULARY = 40_000;

    private final String[] words = new String[VOCABULARY];
    private final double[] cdf = new double[VOCABULARY];
    private final JsonFactory factory = new JsonFactory();
    private final Random rnd;

    ZipfTranscripts(long seed) {
        rnd = new Random(seed);
        Random names = new Random(7);
        String[] syllables = "ka lo mi ne ru ta vo xe zu pi qa sol der bin tor gre fal mon".split(" ");
        for (int i = 0; i < VOCABULARY; i++) {
            if (i < COMMON.length) {
                words[i] = COMMON[i];
            } else {
                StringBuilder w = new StringBuilder();
                int n = 2 + names.nextInt(3);
                for (int k = 0; k < n; k++) {
                    w.append(syllables[names.nextInt(syllables.length)]);
                }
                words[i] = w.append(i % 97).toString();
            }
        }
        double total = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            total += 1.0 / (i + 1);
            cdf[i] = total;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cdf[i] /= total;
        }
    }

    /** A word of rank {@code rank} (0 = most common). */
    String word(int rank) {
        return words[rank];
    }

    String words(int n) {
        StringBuilder sb = new StringBuilder(n * 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int at = Arrays.binarySearch(cdf, rnd.nextDouble());
            sb.append(words[Math.min(VOCABULARY - 1, at < 0 ? -at - 1 : at)]);
        }
        return sb.toString();
    }

    /** Writes about {@code bytes} bytes of one session to {@code path}. */
    void write(Path path, String sessionId, String cwd, Instant start, long bytes) throws IOException {
        try (Counting out = new Counting(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
                JsonGenerator g = factory.createGenerator(out)) {
            g.setRootValueSeparator(null);
            Session s = new Session(g, sessionId, cwd, start);
            while (out.count < bytes) {
                s.turn();
                g.flush();
            }
        }
    }

    /** One session's records. */
    private final class Session {
        final JsonGenerator g;
        final String sessionId;
        final String cwd;
        Instant clock;
        long uuid;

        Session(JsonGenerator g, String sessionId, String cwd, Instant clock) {
            this.g = g;
            this.sessionId = sessionId;
            this.cwd = cwd;
            this.clock = clock;
        }

        void turn() throws IOException {
            start("user");
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "user");
            g.writeStringField("content", words(10 + rnd.nextInt(60)));
            g.writeEndObject();
            end();
            int tools = 1 + rnd.nextInt(6);
            for (int k = 0; k < tools; k++) {
                assistant("text", "text", words(15 + rnd.nextInt(80)));
                String id = "toolu_" + Long.toHexString(uuid);
                start("assistant");
                g.writeObjectFieldStart("message");
                g.writeStringField("role", "assistant");
                g.writeArrayFieldStart("content");
                g.writeStartObject();
                g.writeStringField("type", "tool_use");
                g.writeStringField("id", id);
                g.writeStringField("name", "Bash");
                g.writeObjectFieldStart("input");
                g.writeStringField("command", "grep -rn " + words(1) + " src");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                end();
                String output = output();
                start("user");
                g.writeObjectFieldStart("message");
                g.writeStringField("role", "user");
                g.writeArrayFieldStart("content");
                g.writeStartObject();
                g.writeStringField("tool_use_id", id);
                g.writeStringField("type", "tool_result");
                g.writeStringField("content", output);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("toolUseResult");
                g.writeStringField("stdout", output);
                g.writeStringField("stderr", "");
                g.writeEndObject();
                end();
            }
            assistant("text", "text", words(30 + rnd.nextInt(120)));
            start("system");
            g.writeStringField("subtype", "turn_duration");
            g.writeNumberField("durationMs", rnd.nextInt(100000));
            end();
        }

        private String output() {
            int roll = rnd.nextInt(100);
            int bytes = roll < 70 ? 300 + rnd.nextInt(3000) : roll < 97 ? 3000 + rnd.nextInt(20000) : 50_000;
            StringBuilder sb = new StringBuilder(bytes + 100);
            int line = 1;
            while (sb.length() < bytes) {
                sb.append("src/main/java/app/Module")
                        .append(rnd.nextInt(50))
                        .append(".java:")
                        .append(line++)
                        .append(": ")
                        .append(words(5 + rnd.nextInt(10)))
                        .append('\n');
            }
            return sb.toString();
        }

        private void assistant(String type, String field, String text) throws IOException {
            start("assistant");
            g.writeObjectFieldStart("message");
            g.writeStringField("model", "claude-opus-5-5");
            g.writeStringField("role", "assistant");
            g.writeArrayFieldStart("content");
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField(field, text);
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("usage");
            g.writeNumberField("input_tokens", rnd.nextInt(50000));
            g.writeNumberField("output_tokens", rnd.nextInt(2000));
            g.writeEndObject();
            g.writeEndObject();
            end();
        }

        private void start(String type) throws IOException {
            g.writeStartObject();
            g.writeStringField("parentUuid", String.format("00000000-0000-4000-8000-%012x", uuid));
            g.writeBooleanField("isSidechain", false);
            g.writeStringField("type", type);
        }

        private void end() throws IOException {
            clock = clock.plusMillis(100 + rnd.nextInt(5000));
            g.writeStringField("uuid", String.format("00000000-0000-4000-8000-%012x", ++uuid));
            g.writeStringField("timestamp", clock.toString());
            g.writeStringField("sessionId", sessionId);
            g.writeStringField("cwd", cwd);
            g.writeStringField("version", "2.1.332");
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static final class Counting extends OutputStream {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
