package dev.claudemesh.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Loads sqlite-jdbc's native library from a stable, content-named file under {@code cacheDir} instead of letting
 * sqlite-jdbc extract a fresh copy into the temp folder on every start: those copies are deleted only at a clean JVM
 * exit, so every daemon killed with -9 left a {@code sqlite-*.so} and its {@code .lck} in {@code /tmp} for good.
 * Written atomically (temp file + rename) into a folder named after the bytes' hash, so concurrent daemons and
 * upgrades never load half a file. Leaves properties a user set alone; on any problem sqlite-jdbc extracts as before.
 */
public final class SqliteNative {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNative() {}

    /** Call before the first connection of this JVM (sqlite-jdbc reads the properties once). */
    public static void prepare(Path cacheDir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String folder = LibraryLoaderUtil.getNativeLibResourcePath(); // "/org/sqlite/native/Linux/x86_64"
        String resource = (folder.startsWith("/") ? folder : "/" + folder) + "/" + name;
        try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
            if (in == null) {
                return; // no bundled library for this platform: sqlite-jdbc's own search decides
            }
            byte[] bytes = in.readAllBytes();
            Path dir = cacheDir.resolve("sqlite-" + sha256(bytes).substring(0, 16));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib) || !java.util.Arrays.equals(Files.readAllBytes(lib), bytes)) {
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, name, ".part");
                try {
                    Files.write(part, bytes);
                    Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            // sqlite-jdbc extracts into the temp folder as it always did
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
