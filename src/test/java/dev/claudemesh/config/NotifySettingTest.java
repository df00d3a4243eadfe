package dev.claudemesh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.claudemesh.notify.ConfiguredMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifySettingTest {
    @TempDir
    Path dir;

    MeshHome home() {
        return new MeshHome(dir.resolve("home"));
    }

    @Test
    void notify_defaults_to_unwakeable() {
        assertEquals(NotifyMode.UNWAKEABLE, MeshConfig.load(home(), Map.of()).notifyMode());
    }

    @Test
    void each_notify_value_is_read() throws Exception {
        home().ensure();
        for (NotifyMode m : NotifyMode.values()) {
            Files.writeString(home().configFile(), "{\"notify\": \"" + m.wire() + "\"}");
            assertEquals(m, MeshConfig.load(home(), Map.of()).notifyMode());
        }
    }

    @Test
    void an_unknown_notify_value_names_the_file_and_the_choices() throws Exception {
        home().ensure();
        Files.writeString(home().configFile(), "{\"notify\": \"sometimes\"}");
        var e = assertThrows(MeshConfig.ConfigException.class, () -> MeshConfig.load(home(), Map.of()));
        assertEquals(
                home().configFile() + ": notify must be one of 'unwakeable', 'unsupervised', 'off', got 'sometimes'",
                e.getMessage());
        Files.writeString(home().configFile(), "{\"notify\": false}");
        e = assertThrows(MeshConfig.ConfigException.class, () -> MeshConfig.load(home(), Map.of()));
        assertTrue(e.getMessage().contains("'notify' must be a string"), e.getMessage());
    }

    @Test
    void writing_the_setting_keeps_every_other_setting() throws Exception {
        home().ensure();
        Files.writeString(home().configFile(), "{\"port\": 7999, \"delivery_mode\": \"sentinel\"}");
        NotifySetting.write(home(), NotifyMode.OFF);
        MeshConfig c = MeshConfig.load(home(), Map.of());
        assertEquals(NotifyMode.OFF, c.notifyMode());
        assertEquals(7999, c.port());
        assertEquals("sentinel", c.deliveryMode());
    }

    @Test
    void writing_into_a_broken_file_refuses_and_leaves_it_as_it_was() throws Exception {
        home().ensure();
        Files.writeString(home().configFile(), "{\"port\": 79");
        assertThrows(MeshConfig.ConfigException.class, () -> NotifySetting.write(home(), NotifyMode.OFF));
        assertEquals("{\"port\": 79", Files.readString(home().configFile()));
    }

    @Test
    void a_running_daemon_sees_the_setting_change() throws Exception {
        ConfiguredMode mode = new ConfiguredMode(home(), NotifyMode.UNWAKEABLE);
        assertEquals(NotifyMode.UNWAKEABLE, mode.get());
        NotifySetting.write(home(), NotifyMode.OFF);
        assertEquals(NotifyMode.OFF, mode.get());
        NotifySetting.write(home(), NotifyMode.UNSUPERVISED);
        assertEquals(NotifyMode.UNSUPERVISED, mode.get());
        Files.writeString(home().configFile(), "{broken");
        assertEquals(NotifyMode.UNSUPERVISED, mode.get(), "a broken file keeps the last good value");
    }
}
