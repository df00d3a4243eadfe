package dev.claudemesh.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A config file read and parsed, ready to patch and render back in its own style. */
record LoadedConfig(ConfigFile file, String before, ObjectNode root, JsonStyle style) {
    static LoadedConfig load(Path path) throws InstallException {
        ConfigFile file = ConfigFile.read(path);
        String label = path.toString();
        String text = file.exists() ? JsonReader.decode(label, file.bytes()) : "";
        ObjectNode root = JsonReader.parseObject(label, text);
        return new LoadedConfig(file, text, root, file.exists() ? JsonStyle.of(text) : JsonStyle.CLAUDE);
    }

    Path path() {
        return file.path();
    }

    String after() {
        return JsonWriter.write(root, style);
    }

    boolean changed() {
        return !file.exists() || !after().equals(before);
    }

    byte[] afterBytes() {
        return after().getBytes(StandardCharsets.UTF_8);
    }
}
