package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path cache;

    private static byte[] bundledLibpty() throws Exception {
        String resource =
                "resources/com/pty4j/native/" + NativeLibraries.pty4jSubPath().orElseThrow() + "/libpty.so";
        try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private Optional<Path> extractLibpty() throws Exception {
        String sub = NativeLibraries.pty4jSubPath().orElseThrow();
        return NativeLibraries.extract(
                "pty4j", "resources/com/pty4j/native/" + sub + "/", List.of("libpty.so"), sub, cache);
    }

    @Test
    void this_platform_has_a_bundled_libpty() throws Exception {
        assertThat(bundledLibpty()).isNotEmpty();
    }

    @Test
    void the_library_is_extracted_once_into_a_content_named_directory() throws Exception {
        Path root = extractLibpty().orElseThrow();
        Path lib = root.resolve(NativeLibraries.pty4jSubPath().orElseThrow()).resolve("libpty.so");
        assertThat(root.getFileName().toString()).matches("pty4j-[0-9a-f]{16}");
        assertThat(Files.readAllBytes(lib)).isEqualTo(bundledLibpty());

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        assertThat(extractLibpty()).contains(root);
        assertThat(Files.getLastModifiedTime(lib))
                .as("an identical file is left alone")
                .isEqualTo(old);
        try (var files = Files.list(lib.getParent())) {
            assertThat(files).as("no temp files left").hasSize(1);
        }
    }

    @Test
    void a_damaged_library_file_is_replaced() throws Exception {
        Path root = extractLibpty().orElseThrow();
        Path lib = root.resolve(NativeLibraries.pty4jSubPath().orElseThrow()).resolve("libpty.so");
        Files.write(lib, new byte[] {1, 2, 3});
        extractLibpty();
        assertThat(Files.readAllBytes(lib)).isEqualTo(bundledLibpty());
    }

    @Test
    void a_missing_resource_extracts_nothing() throws Exception {
        assertThat(NativeLibraries.extract("x", "no/such/dir/", List.of("lib.so"), "", cache))
                .isEmpty();
    }

    @Test
    void the_cache_directory_is_created_private() throws Exception {
        Path dir = NativeLibraries.ownedDirectory(cache.resolve("a/b"));
        assertThat(dir).isDirectory();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void a_later_start_takes_the_prepared_libraries_from_the_stamp_without_reading_them() throws Exception {
        Properties first = new Properties();
        assertThat(NativeLibraries.prepare(cache, first))
                .as("first start: from the jars")
                .isFalse();
        assertThat(first.stringPropertyNames())
                .contains(
                        NativeLibraries.PTY4J_FOLDER_PROPERTY,
                        NativeLibraries.JLINE_PATH_PROPERTY,
                        NativeLibraries.JNA_PATH_PROPERTY);
        assertThat(cache.resolve(NativeLibraryStamp.FILE)).isRegularFile();

        Properties later = new Properties();
        assertThat(NativeLibraries.prepare(cache, later))
                .as("later start: from the stamp")
                .isTrue();
        assertThat(later).isEqualTo(first);
    }

    @Test
    void a_library_file_changed_since_the_stamp_is_checked_again_and_restored() throws Exception {
        Properties first = new Properties();
        NativeLibraries.prepare(cache, first);
        Path lib = Path.of(first.getProperty(NativeLibraries.PTY4J_FOLDER_PROPERTY))
                .resolve(NativeLibraries.pty4jSubPath().orElseThrow())
                .resolve("libpty.so");
        byte[] bundled = bundledLibpty();
        byte[] damaged = bundled.clone();
        damaged[damaged.length / 2] ^= 1; // same size
        Files.write(lib, damaged);
        Files.setLastModifiedTime(lib, FileTime.fromMillis(1_000_000_000_000L));

        Properties later = new Properties();
        assertThat(NativeLibraries.prepare(cache, later)).isFalse();
        assertThat(Files.readAllBytes(lib)).isEqualTo(bundled);
        assertThat(later).isEqualTo(first);
        assertThat(NativeLibraries.prepare(cache, new Properties()))
                .as("the new stamp holds")
                .isTrue();
    }

    @Test
    void a_stamp_naming_a_jar_that_changed_or_holding_a_bad_line_is_not_used() throws Exception {
        NativeLibraries.prepare(cache, new Properties());
        Path stamp = cache.resolve(NativeLibraryStamp.FILE);
        String good = Files.readString(stamp);
        assertThat(good).contains(".jar\t");

        Files.writeString(stamp, good.replaceFirst("(\\.jar\t)\\d+", "$11"));
        assertThat(NativeLibraryStamp.apply(cache, new Properties()))
                .as("another jar size")
                .isFalse();
        for (String bad : List.of("", "property\tx\n", good + "garbage\n", good.replace("file\t", "fil\t"))) {
            Files.writeString(stamp, bad);
            Properties p = new Properties();
            assertThat(NativeLibraryStamp.apply(cache, p)).as(bad).isFalse();
            assertThat(p).as("nothing set from a stamp not used").isEmpty();
        }
        Files.writeString(stamp, good);
        assertThat(NativeLibraryStamp.apply(cache, new Properties())).isTrue();
    }

    @Test
    void a_property_the_user_set_is_left_alone_and_the_stamp_is_not_used() throws Exception {
        NativeLibraries.prepare(cache, new Properties());
        Properties user = new Properties();
        user.setProperty(NativeLibraries.JLINE_PATH_PROPERTY, "/opt/my-jline");
        assertThat(NativeLibraries.prepare(cache, user)).isFalse();
        assertThat(user.getProperty(NativeLibraries.JLINE_PATH_PROPERTY)).isEqualTo("/opt/my-jline");
        assertThat(user.stringPropertyNames())
                .containsAll(List.of(NativeLibraries.PTY4J_FOLDER_PROPERTY, NativeLibraries.JNA_PATH_PROPERTY));
    }

    @TempDir
    Path root;

    private void library(String dir, String name) throws Exception {
        Path d = Files.createDirectories(root.resolve(dir));
        Files.write(d.resolve(name), new byte[] {0x7f, 'E', 'L', 'F'});
    }

    @Test
    void jna_searches_just_the_standard_directories_when_libc_and_libutil_are_there() throws Exception {
        library("usr/lib/x86_64-linux-gnu", "libc.so.6");
        library("usr/lib/x86_64-linux-gnu", "libutil.so.1");
        Files.createDirectories(root.resolve("usr/lib"));
        assertThat(NativeLibraries.standardLibraryPath(root, "Linux", "amd64"))
                .contains("/usr/lib/x86_64-linux-gnu:/usr/lib");
    }

    @Test
    void jna_keeps_asking_ldconfig_when_a_library_is_only_elsewhere() throws Exception {
        library("usr/lib/x86_64-linux-gnu", "libc.so.6");
        library("opt/glibc/lib", "libutil.so.1");
        assertThat(NativeLibraries.standardLibraryPath(root, "Linux", "amd64")).isEmpty();
    }

    @Test
    void jna_keeps_its_own_search_on_other_systems_and_cpus() throws Exception {
        library("usr/lib/x86_64-linux-gnu", "libc.so.6");
        library("usr/lib/x86_64-linux-gnu", "libutil.so.1");
        library("usr/lib/powerpc64le-linux-gnu", "libc.so.6");
        library("usr/lib/powerpc64le-linux-gnu", "libutil.so.1");
        assertThat(NativeLibraries.standardLibraryPath(root, "FreeBSD", "amd64"))
                .isEmpty();
        assertThat(NativeLibraries.standardLibraryPath(root, "Mac OS X", "aarch64"))
                .isEmpty();
        assertThat(NativeLibraries.standardLibraryPath(root, "Linux", "ppc64le"))
                .isEmpty();
    }
}
