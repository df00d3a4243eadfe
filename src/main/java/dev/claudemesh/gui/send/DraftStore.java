package dev.claudemesh.gui.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudemesh.config.MeshHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Unsent messages kept under {@code $CLAUDEMESH_HOME/drafts/} (folder 0700, files 0600, written atomically), one
 * per dialog, so nothing typed is lost when the dialog closes, the daemon is away or the app stops. A draft is
 * deleted once its message was stored by the daemon.
 */
public final class DraftStore {
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public DraftStore(MeshHome home) {
        this.dir = home.dir().resolve("drafts");
    }

    public Path dir() {
        return dir;
    }

    /** A new file name for a dialog's draft. */
    public Path newSlot() {
        return dir.resolve("draft-" + System.currentTimeMillis() + "-" + Long.toHexString(System.nanoTime()) + ".json");
    }

    public void save(Path slot, Draft d) throws IOException {
        Files.createDirectories(dir);
        new MeshHome(dir).ensure(); // 0700
        ObjectNode n = json.createObjectNode();
        n.put("target", d.target()).put("kind", d.kind()).put("body", d.body()).put("saved_at", d.savedAt());
        MeshHome.writePrivate(slot, json.writeValueAsBytes(n));
    }

    public void delete(Path slot) {
        try {
            Files.deleteIfExists(slot);
        } catch (IOException ignored) {
            // a stale draft is harmless: it is offered again and can be discarded
        }
    }

    public Optional<Draft> read(Path slot) {
        try {
            JsonNode n = json.readTree(Files.readString(slot, StandardCharsets.UTF_8));
            return Optional.of(new Draft(
                    n.path("target").asText(),
                    n.path("kind").asText(),
                    n.path("body").asText(),
                    n.path("saved_at").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Saved drafts, newest first: for {@code target} first when given, then the others. */
    public List<Path> slots(String target) {
        List<Path> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "draft-*.json")) {
            s.forEach(all::add);
        } catch (IOException e) {
            return all;
        }
        Comparator<Path> newest = Comparator.comparingLong(
                        (Path p) -> read(p).map(Draft::savedAt).orElse(0L))
                .reversed();
        Comparator<Path> order = Comparator.comparing((Path p) ->
                target == null || !read(p).map(d -> d.target().equals(target)).orElse(false));
        all.sort(order.thenComparing(newest));
        return all;
    }
}
