package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkReaderTest {
    @TempDir
    Path tmp;

    @Test
    void ascii_folding_lowercases_only_ascii_capitals() {
        byte[] src = new byte[256 + 5];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) i;
        }
        byte[] dst = new byte[src.length];

        ChunkReader.foldAscii(src, dst, src.length);

        for (int i = 0; i < src.length; i++) {
            int b = i & 0xff;
            int expected = b >= 'A' && b <= 'Z' ? b + 32 : b;
            assertThat(dst[i] & 0xff).as("byte %d", b).isEqualTo(expected);
        }
    }

    @Test
    void delivers_complete_lines_across_small_chunks_and_holds_back_an_unterminated_tail() throws IOException {
        Path file = Files.writeString(tmp.resolve("x.jsonl"), "one\ntwo two\n" + "l".repeat(100) + "\nthree\ntail");
        List<String> lines = new ArrayList<>();
        long consumed;
        try (FileChannel ch = FileChannel.open(file)) {
            ChunkReader r = new ChunkReader(ch, 0, ch.size(), 8, 1024);
            while (r.next()) {
                for (String l : new String(r.bytes(), 0, r.limit(), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(l);
                }
            }
            consumed = r.consumedTo();
        }

        assertThat(lines).containsExactly("one", "two two", "l".repeat(100), "three");
        assertThat(consumed).isEqualTo(Files.size(file) - "tail".length());
    }

    @Test
    void a_line_longer_than_the_cap_is_skipped_whole_and_reading_goes_on() throws IOException {
        Path file = Files.writeString(tmp.resolve("x.jsonl"), "a\n" + "x".repeat(5000) + "\nb\n" + "y".repeat(3000));
        List<String> lines = new ArrayList<>();
        long consumed;
        int skipped;
        try (FileChannel ch = FileChannel.open(file)) {
            ChunkReader r = new ChunkReader(ch, 0, ch.size(), 16, 1024);
            while (r.next()) {
                lines.addAll(List.of(new String(r.bytes(), 0, r.limit(), StandardCharsets.UTF_8).split("\n")));
            }
            consumed = r.consumedTo();
            skipped = r.skippedLongLines();
        }

        assertThat(lines).containsExactly("a", "b");
        assertThat(skipped).isEqualTo(2);
        assertThat(consumed).isEqualTo(2 + 5001 + 2); // the unterminated long tail is not consumed
    }
}
