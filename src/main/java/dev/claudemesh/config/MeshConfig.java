package dev.claudemesh.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.claudemesh.mesh.MeshLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * User settings from {@code config.json} in the claudemesh home, overridable by environment
 * ({@code CLAUDEMESH_PORT}). A malformed file is an error naming the file and what is wrong.
 */
public record MeshConfig(int port, MeshLimits limits, String deliveryMode, NotifyMode notifyMode) {
    public static final int DEFAULT_PORT = 7878;
    private static final Set<String> KEYS = Set.of(
            "port",
            "max_body_bytes",
            "max_hops",
            "pair_per_minute",
            "lease_ttl_ms",
            "max_attempts",
            "delivery_mode",
            "notify");

    public MeshConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be 0-65535, got " + port);
        }
        if (!deliveryMode.equals("paste") && !deliveryMode.equals("sentinel")) {
            throw new ConfigException("delivery_mode must be 'paste' or 'sentinel', got '" + deliveryMode + "'");
        }
        if (notifyMode == null) {
            throw new ConfigException("notify must be set");
        }
    }

    public MeshConfig(int port, MeshLimits limits, String deliveryMode) {
        this(port, limits, deliveryMode, NotifyMode.UNWAKEABLE);
    }

    public static MeshConfig defaults() {
        return new MeshConfig(DEFAULT_PORT, MeshLimits.DEFAULT, "paste");
    }

    public static MeshConfig load(MeshHome home, Map<String, String> env) {
        MeshConfig c = read(home.configFile());
        String p = env.get("CLAUDEMESH_PORT");
        if (p != null && !p.isBlank()) {
            try {
                c = new MeshConfig(Integer.parseInt(p.trim()), c.limits(), c.deliveryMode(), c.notifyMode());
            } catch (NumberFormatException e) {
                throw new ConfigException("CLAUDEMESH_PORT must be a port number, got '" + p + "'");
            }
        }
        return c;
    }

    /** The {@code notify} setting alone, read fresh (the tray menu changes it while the daemon runs). */
    public static NotifyMode readNotify(MeshHome home) {
        return read(home.configFile()).notifyMode();
    }

    static MeshConfig read(Path file) {
        String raw;
        try {
            raw = Files.readString(file);
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ConfigException(file + " must hold a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new ConfigException(
                        file + ": unknown setting '" + k + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        MeshLimits d = MeshLimits.DEFAULT;
        try {
            MeshLimits limits = new MeshLimits(
                    intOf(n, "max_body_bytes", d.maxBodyBytes(), file),
                    intOf(n, "max_hops", d.maxHops(), file),
                    intOf(n, "pair_per_minute", d.pairPerMinute(), file),
                    intOf(n, "lease_ttl_ms", (int) d.leaseTtlMillis(), file),
                    intOf(n, "max_attempts", d.maxAttempts(), file));
            String mode = n.has("delivery_mode") ? n.get("delivery_mode").asText() : "paste";
            return new MeshConfig(intOf(n, "port", DEFAULT_PORT, file), limits, mode, notifyOf(n, file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static NotifyMode notifyOf(JsonNode n, Path file) {
        JsonNode v = n.get("notify");
        if (v == null) {
            return NotifyMode.UNWAKEABLE;
        }
        if (!v.isTextual()) {
            throw new ConfigException("'notify' must be a string: 'unwakeable', 'unsupervised' or 'off'");
        }
        return NotifyMode.parse(v.asText());
    }

    private static int intOf(JsonNode n, String key, int fallback, Path file) {
        JsonNode v = n.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isInt()) {
            throw new ConfigException(file + ": '" + key + "' must be a whole number");
        }
        return v.asInt();
    }

    /** A settings file a person must fix; the message says where and what. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
