package dev.claudemesh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token every request must carry: 64 hex characters, stored 0600 in the claudemesh home. A token file
 * that is readable by others is tightened to 0600 on every read; one that holds anything but a token is an error
 * naming the file and the fix. JDK-only.
 */
public final class Token {
    private static final int MIN_CHARS = 32;
    private static final int MAX_CHARS = 256;

    private Token() {}

    /** The token file cannot be used; the message names the file and what to do. */
    public static final class TokenFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TokenFileException(String message) {
            super(message);
        }
    }

    /**
     * The daemon's token: the existing one if the file holds a valid token, else a fresh random one written in its
     * place (only the daemon, which holds the home's lock, may replace it).
     */
    public static String loadOrCreate(Path file) throws IOException {
        try {
            String existing = readChecked(file);
            if (existing != null) {
                return existing;
            }
        } catch (TokenFileException unusable) {
            // replaced below; clients read the fresh one
        }
        return write(file, fresh());
    }

    /** Writes {@code token} to the file (0600, atomically); used by the daemon to put back a lost token file. */
    public static String write(Path file, String token) throws IOException {
        MeshHome.writePrivate(file, token.getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    static String fresh() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** Reads the token if present; null when there is none or it is unusable (the hook path fails open). */
    public static String read(Path file) {
        try {
            return readChecked(file);
        } catch (TokenFileException | IOException e) {
            return null;
        }
    }

    /**
     * The token, or null when the file does not exist.
     *
     * @throws TokenFileException when the file cannot be read or holds something that is not a token
     */
    public static String readChecked(Path file) throws IOException {
        byte[] raw;
        try {
            tighten(file);
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TokenFileException("cannot read the token file " + file + " (" + e.getMessage()
                    + "); it must be a file of yours, mode 0600; delete it and restart the daemon to get a fresh one");
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r' || raw[end - 1] == ' ')) {
            end--;
        }
        if (end < MIN_CHARS || end > MAX_CHARS || !hex(raw, end)) {
            throw new TokenFileException(
                    "the token file " + file + " does not hold a claudemesh token ("
                            + raw.length
                            + " bytes, expected 64 hex characters); the running daemon writes it back within"
                            + " a few seconds, or delete the file and run `claudemesh status` to start a daemon with a new one");
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }

    private static boolean hex(byte[] raw, int end) {
        for (int i = 0; i < end; i++) {
            byte b = raw[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Group or other access to the token is taken away (the owner is this user: the home is 0700). */
    private static void tighten(Path file) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten
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
