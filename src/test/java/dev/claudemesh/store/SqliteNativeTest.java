package dev.claudemesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite's native library comes from the cache folder, so a killed process leaves nothing in the temp folder. */
class SqliteNativeTest {
    @TempDir
    Path dir;

    /** A child JVM (the properties are read once per JVM) opens a database and is killed with -9. */
    public static void main(String[] args) throws Exception {
        SqliteNative.prepare(Path.of(args[0]));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + args[1])) {
            c.createStatement().execute("CREATE TABLE t(x)");
            System.out.println("OPEN " + System.getProperty(SqliteNative.PATH_PROPERTY));
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void a_process_killed_with_the_database_open_leaves_nothing_in_its_temp_folder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        for (int round = 0; round < 2; round++) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Djava.io.tmpdir=" + tmp,
                            "-cp",
                            System.getProperty("java.class.path"),
                            SqliteNativeTest.class.getName(),
                            cache.toString(),
                            dir.resolve("db" + round + ".sqlite").toString())
                    .redirectErrorStream(true)
                    .start();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertThat(line).startsWith("OPEN " + cache);
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (var left = Files.list(tmp)) {
            assertThat(left.toList()).isEmpty();
        }
        try (var libs = Files.walk(cache)) {
            assertThat(libs.filter(f -> f.getFileName().toString().equals("libsqlitejdbc.so"))
                            .count())
                    .as("one copy, reused")
                    .isEqualTo(1);
        }
    }
}
