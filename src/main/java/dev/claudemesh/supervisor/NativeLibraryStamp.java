package dev.claudemesh.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What {@link NativeLibraries} prepared at an earlier start: the system properties it set, and the jars the
 * libraries came from and the files it checked against them, each with its size and modification time. While all of
 * those still match, a start sets the same properties and reads no library. A changed jar (an upgrade), a file
 * rewritten or gone, or a line it cannot read makes the start check the libraries again and write a new stamp. It
 * lives in the private cache directory, beside the files it names.
 */
final class NativeLibraryStamp {
    static final String FILE = "libraries.stamp";

    private NativeLibraryStamp() {}

    /** Sets the stamp's properties on {@code properties} if everything it names is unchanged; false otherwise. */
    static boolean apply(Path dir, Properties properties) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        Map<String, String> set = new LinkedHashMap<>();
        int files = 0;
        for (String line : lines) {
            String[] field = line.split("\t", -1);
            if (field.length == 3 && field[0].equals("property") && !field[1].isEmpty() && !field[2].isEmpty()) {
                set.put(field[1], field[2]);
            } else if (field.length == 4 && field[0].equals("file") && unchanged(field[1], field[2], field[3])) {
                files++;
            } else {
                return false;
            }
        }
        if (set.isEmpty() || files == 0) {
            return false;
        }
        set.forEach(properties::setProperty);
        return true;
    }

    /**
     * Records {@code keys} as set on {@code properties}, and {@code jars} and {@code files} as they are now. No
     * jars (they could not be named) or a tab or line break in a path or value removes the stamp instead.
     */
    static void write(Path dir, Properties properties, List<String> keys, List<Path> jars, List<Path> files)
            throws IOException {
        Path stamp = dir.resolve(FILE);
        List<Path> named = new ArrayList<>(jars);
        named.addAll(files);
        StringBuilder text = new StringBuilder();
        boolean writable = !jars.isEmpty();
        for (String key : keys) {
            String value = properties.getProperty(key);
            if (value != null) {
                writable &= fits(key) && fits(value);
                text.append("property\t").append(key).append('\t').append(value).append('\n');
            }
        }
        for (Path file : named) {
            writable &= fits(file.toString());
            text.append("file\t")
                    .append(file)
                    .append('\t')
                    .append(Files.size(file))
                    .append('\t')
                    .append(modified(file))
                    .append('\n');
        }
        if (!writable) {
            Files.deleteIfExists(stamp);
            return;
        }
        NativeLibraries.writeAtomically(stamp, text.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    private static boolean fits(String field) {
        return !field.isEmpty() && field.indexOf('\t') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0;
    }

    private static boolean unchanged(String path, String size, String modified) {
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Long.toString(Files.size(file)).equals(size)
                    && Long.toString(modified(file)).equals(modified);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
    }
}
