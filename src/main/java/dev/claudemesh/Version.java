package dev.claudemesh;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, read from a resource Maven filters at build time. JDK-only (hook path). */
public final class Version {
    private static final String VALUE = load();

    private Version() {}

    public static String current() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
