package dev.claudemesh.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * Puts pty4j's and JLine's native libraries into a stable cache directory once, instead of letting each start
 * extract them into a fresh temporary directory. Files are written atomically (temp file + rename) into a
 * directory named after their content hash, so concurrent supervisors and library upgrades never see half a
 * file, and a file is used only when its bytes match the bundled resource. That check reads every library out of
 * its jar (~25 ms of a supervisor's start), so it is made once: a {@link NativeLibraryStamp} lets later starts with
 * the same jars and the same files skip it.
 */
public final class NativeLibraries {
    static final String PTY4J_FOLDER_PROPERTY = "pty4j.preferred.native.folder";
    static final String PTY4J_TMPDIR_PROPERTY = "pty4j.tmpdir";
    static final String JLINE_PATH_PROPERTY = "library.jline.path";
    static final String JNA_PATH_PROPERTY = "jna.boot.library.path";
    static final String JNA_SEARCH_PATH_PROPERTY = "jna.platform.library.path";

    private NativeLibraries() {}

    /**
     * Prepares both libraries under {@code cacheDir} and points the libraries at them through their system
     * properties (which they read once per JVM, so call this before the first PTY or terminal is created). Leaves
     * properties a user already set alone. Never fails: on any problem the libraries fall back to their own
     * extraction.
     */
    public static void prepare(Path cacheDir) {
        prepare(cacheDir, System.getProperties());
    }

    /**
     * {@link #prepare(Path)} on {@code properties}; true when a {@link NativeLibraryStamp} from an earlier start
     * still held, so that no library was read.
     */
    static boolean prepare(Path cacheDir, Properties properties) {
        try {
            Path dir = ownedDirectory(cacheDir);
            boolean untouched = PROPERTIES.stream().noneMatch(properties::containsKey);
            if (untouched && NativeLibraryStamp.apply(dir, properties)) {
                return true;
            }
            List<Path> files = new ArrayList<>();
            preparePty4j(dir, properties, files);
            prepareJline(dir, properties, files);
            prepareJna(dir, properties, files);
            if (untouched) {
                NativeLibraryStamp.write(dir, properties, PROPERTIES, sources(), files);
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the libraries' own temp-dir extraction
        }
        return false;
    }

    private static final List<String> PROPERTIES =
            List.of(PTY4J_FOLDER_PROPERTY, PTY4J_TMPDIR_PROPERTY, JLINE_PATH_PROPERTY, JNA_PATH_PROPERTY);

    /**
     * The jars the libraries come from (pty4j's, JLine's, JNA's; one jar when bundled), found without initialising
     * a class (JNA would load its library); empty when one is not a jar file, then no stamp is kept.
     */
    private static List<Path> sources() {
        List<Path> jars = new ArrayList<>();
        for (String owner :
                new String[] {"com.pty4j.PtyProcess", "org.jline.nativ.JLineLibrary", "com.sun.jna.Native"}) {
            try {
                Class<?> c = Class.forName(owner, false, NativeLibraries.class.getClassLoader());
                Path jar = Path.of(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!Files.isRegularFile(jar)) {
                    return List.of();
                }
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
                return List.of();
            }
        }
        return jars;
    }

    private static void preparePty4j(Path dir, Properties properties, List<Path> files) throws IOException {
        if (properties.getProperty(PTY4J_FOLDER_PROPERTY) != null
                || properties.getProperty(PTY4J_TMPDIR_PROPERTY) != null) {
            return;
        }
        Optional<String> subPath = pty4jSubPath();
        List<String> names = isMac() ? List.of("libpty.dylib", "pty4j-unix-spawn-helper") : List.of("libpty.so");
        if (subPath.isPresent()) {
            String base = "resources/com/pty4j/native/" + subPath.get() + "/";
            Optional<Path> root = extract("pty4j", base, names, subPath.get(), dir);
            if (root.isPresent()) {
                properties.setProperty(PTY4J_FOLDER_PROPERTY, root.get().toString());
                names.forEach(
                        name -> files.add(root.get().resolve(subPath.get()).resolve(name)));
                return;
            }
        }
        properties.setProperty(PTY4J_TMPDIR_PROPERTY, dir.toString());
    }

    private static void prepareJline(Path dir, Properties properties, List<Path> files) throws IOException {
        if (properties.getProperty(JLINE_PATH_PROPERTY) != null) {
            return;
        }
        String folder = jlineFolder().orElseGet(org.jline.nativ.OSInfo::getNativeLibFolderPathForCurrentOS);
        String name = System.mapLibraryName("jlinenative");
        extract("jline", "org/jline/nativ/" + folder + "/", List.of(name), "", dir)
                .ifPresent(root -> {
                    properties.setProperty(JLINE_PATH_PROPERTY, root.toString());
                    files.add(root.resolve(name));
                });
    }

    private static void prepareJna(Path dir, Properties properties, List<Path> files) throws IOException {
        if (properties.getProperty(JNA_PATH_PROPERTY) != null) {
            return;
        }
        Optional<String> subPath = pty4jSubPath(); // JNA names CPUs the same way
        if (subPath.isEmpty()) {
            return;
        }
        String prefix = subPath.get().equals("darwin")
                ? "darwin-" + arch().orElse("")
                : subPath.get().replace('/', '-');
        String name = isMac() ? "libjnidispatch.jnilib" : "libjnidispatch.so";
        extract("jna", "com/sun/jna/" + prefix + "/", List.of(name), "", dir).ifPresent(root -> {
            properties.setProperty(JNA_PATH_PROPERTY, root.toString());
            files.add(root.resolve(name));
        });
    }

    /**
     * Spares JNA the {@code ldconfig -p} it runs when it first loads (a process started beside claude and ~30 ms of
     * start-up CPU), where that changes nothing: when the libraries pty4j loads by name (libc, libutil) are in the
     * standard directories JNA searches first anyway, its search path is set to just those. Leaves a set property
     * alone, and everything as it was elsewhere (other systems, other CPUs, libraries found only by ldconfig). The
     * property is JVM-wide: call it only in a process whose only JNA user is pty4j (the supervisor).
     */
    static void spareLdconfig() {
        if (System.getProperty(JNA_SEARCH_PATH_PROPERTY) != null) {
            return;
        }
        standardLibraryPath(Path.of("/"), System.getProperty("os.name", ""), System.getProperty("os.arch", ""))
                .ifPresent(path -> System.setProperty(JNA_SEARCH_PATH_PROPERTY, path));
    }

    /**
     * JNA's own first directories on 64-bit Linux ({@code /usr/lib/<multiarch>}, {@code /lib/<multiarch>},
     * {@code /usr/lib64}, {@code /lib64}, {@code /usr/lib}, {@code /lib}, those that exist, under {@code root}) when
     * libc and libutil are there; else empty.
     */
    static Optional<String> standardLibraryPath(Path root, String osName, String osArch) {
        String multiarch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (multiarch == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        // loops, not streams: this runs while the supervisor starts, and the stream classes cost it milliseconds
        List<String> existing = new ArrayList<>();
        for (String d :
                List.of("/usr/lib/" + multiarch, "/lib/" + multiarch, "/usr/lib64", "/lib64", "/usr/lib", "/lib")) {
            if (Files.isDirectory(root.resolve(d.substring(1)))) {
                existing.add(d);
            }
        }
        for (String lib : List.of("libc.so.6", "libutil.so.1")) {
            boolean found = false;
            for (String d : existing) {
                found |= Files.isRegularFile(root.resolve(d.substring(1) + "/" + lib));
            }
            if (!found) {
                return Optional.empty();
            }
        }
        return Optional.of(String.join(":", existing));
    }

    /** pty4j's layout: {@code linux/x86-64}, {@code freebsd/x86}, {@code darwin} (JNA's names for the CPU). */
    static Optional<String> pty4jSubPath() {
        if (isMac()) {
            return Optional.of("darwin");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String family = os.startsWith("linux") ? "linux" : os.startsWith("freebsd") ? "freebsd" : null;
        return family == null ? Optional.empty() : arch().map(arch -> family + "/" + arch);
    }

    /** JLine's layout for the common platforms ({@code Linux/x86_64}, {@code Mac/arm64}); its own code is slower. */
    private static Optional<String> jlineFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String family = os.startsWith("linux") ? "Linux" : os.startsWith("mac") ? "Mac" : null;
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        return family == null || arch == null ? Optional.empty() : Optional.of(family + "/" + arch);
    }

    /** JNA's and pty4j's name for the CPU. */
    private static Optional<String> arch() {
        return Optional.ofNullable(
                switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
                    case "amd64", "x86_64" -> "x86-64";
                    case "x86", "i386", "i486", "i586", "i686" -> "x86";
                    case "aarch64", "arm64" -> "aarch64";
                    case "arm", "armv7l", "armhf" -> "arm";
                    case "ppc64le", "powerpc64le" -> "ppc64le";
                    case "riscv64" -> "riscv64";
                    case "mips64el" -> "mips64el";
                    default -> null;
                });
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /**
     * Copies the named resources to {@code dir/<prefix>-<hash>/<subPath>/} unless identical files are there;
     * returns {@code dir/<prefix>-<hash>}, or empty if a resource is missing.
     */
    static Optional<Path> extract(String prefix, String resourceBase, List<String> files, String subPath, Path dir)
            throws IOException {
        ClassLoader loader = NativeLibraries.class.getClassLoader();
        byte[][] contents = new byte[files.size()][];
        long total = 0;
        CRC32 digest = new CRC32(); // names the directory; contents are compared byte for byte
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = loader.getResourceAsStream(resourceBase + files.get(i))) {
                if (in == null) {
                    return Optional.empty();
                }
                contents[i] = in.readAllBytes();
                digest.update(contents[i]);
                total += contents[i].length;
            }
        }
        String hash = String.format("%08x%08x", digest.getValue(), total);
        Path root = dir.resolve(prefix + "-" + hash);
        Path target = subPath.isEmpty() ? root : root.resolve(subPath);
        Files.createDirectories(target);
        for (int i = 0; i < files.size(); i++) {
            Path file = target.resolve(files.get(i));
            if (!sameContent(file, contents[i])) {
                writeAtomically(file, contents[i], files.get(i).endsWith("spawn-helper"));
            }
        }
        return Optional.of(root);
    }

    private static boolean sameContent(Path file, byte[] expected) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != expected.length) {
            return false;
        }
        return Arrays.equals(Files.readAllBytes(file), expected);
    }

    /** Writes {@code file} through a temp file beside it and a rename: a reader sees the old file or the new one. */
    static void writeAtomically(Path file, byte[] content, boolean executable) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content);
            if (executable) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The cache directory, created private to this user. If it exists but belongs to someone else or others may
     * write to it (a shared temp dir where another user created it first), a fresh temp dir is used instead.
     */
    static Path ownedDirectory(Path cacheDir) throws IOException {
        Path dir = cacheDir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                return dir; // not a POSIX file system
            }
        }
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0022) != 0 || !owner.equals(myUid(dir))) {
            return Files.createTempDirectory("claudemesh-native");
        }
        return dir;
    }

    /** This process's user id, without a user-name lookup (which costs more than everything else here). */
    private static Object myUid(Path dir) throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            return Files.getAttribute(self, "unix:uid");
        }
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
