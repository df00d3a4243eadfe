package dev.claudemesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes the {@code notify} setting into {@code config.json}, keeping every other setting as it is. A file
 * that is not valid settings is left untouched and reported, so a person's edits are never overwritten.
 */
public final class NotifySetting {
    private NotifySetting() {}

    public static void write(MeshHome home, NotifyMode mode) throws IOException {
        home.ensure();
        MeshConfig.read(home.configFile()); // refuses a broken file before we touch it
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = Files.exists(home.configFile())
                ? (ObjectNode) json.readTree(Files.readString(home.configFile(), StandardCharsets.UTF_8))
                : json.createObjectNode();
        root.put("notify", mode.wire());
        MeshHome.writePrivate(
                home.configFile(), (json.writeValueAsString((JsonNode) root) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
