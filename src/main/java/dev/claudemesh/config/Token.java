package dev.claudemesh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The bearer token every request must carry. Stored 0600 in the claudemesh home. JDK-only. */
public final class Token {
    private Token() {}

    /** Reads the token, creating a fresh random one if there is none. */
    public static String loadOrCreate(Path file) throws IOException {
        try {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (existing.length() >= 32) {
                return existing;
            }
        } catch (NoSuchFileException e) {
            // create below
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        MeshHome.writePrivate(file, token.getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    /** Reads the token if present; null when the daemon never ran. */
    public static String read(Path file) {
        try {
            String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return t.isEmpty() ? null : t;
        } catch (IOException e) {
            return null;
        }
    }

    /** Compares in constant time so the token cannot be guessed byte by byte. */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
