package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden files under src/test/resources/golden; update with {@code -Dgolden.update=true} and review. */
class SessionStartTextTest {
    static SessionView view(String id, String cwd, boolean builtin, String name) {
        String folder = cwd.substring(cwd.lastIndexOf('/') + 1);
        return new SessionView(
                id,
                "sid-" + id,
                10,
                cwd,
                folder,
                null,
                0,
                0,
                false,
                false,
                0,
                0,
                0,
                true,
                false,
                builtin,
                builtin ? name : null);
    }

    final SessionView web = view("w3bw3b00", "/home/dev/web", true, "web-9a");
    final SessionView old = view("0ld0ld00", "/home/dev/legacy", false, null);

    @Test
    void with_the_builtin_on_it_names_both_and_says_what_each_is_for() throws IOException {
        golden(
                "sessionstart-builtin-on.txt",
                SessionStartText.render(view("ap1ap100", "/home/dev/api", true, "api-3f"), List.of(web, old)));
    }

    @Test
    void with_the_builtin_off_it_says_nothing_about_it() throws IOException {
        String text = SessionStartText.render(view("ap1ap100", "/home/dev/api", false, null), List.of(web, old));
        golden("sessionstart-builtin-off.txt", text);
        assertThat(text)
                .doesNotContain("SendMessage")
                .doesNotContain("built-in")
                .doesNotContain("web-9a");
    }

    @Test
    void alone_it_says_no_peers_are_live() {
        assertThat(SessionStartText.render(view("ap1ap100", "/home/dev/api", true, null), List.of()))
                .contains("No other sessions are live right now.")
                .contains(BuiltinGuidance.BOTH)
                .doesNotContain("built-in name");
    }

    static void golden(String name, String actual) throws IOException {
        Path src = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(src, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = SessionStartTextTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in)
                    .as("golden file " + name + " (create it with -Dgolden.update=true)")
                    .isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
