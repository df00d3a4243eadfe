package dev.claudemesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeHomeTest {

    @TempDir
    Path tmp;

    @Test
    void a_new_home_skips_onboarding_and_approves_the_fake_key() {
        ClaudeHome home = ClaudeHome.create(tmp.resolve("home"));
        ObjectNode config = home.readClaudeJson();
        assertThat(config.path("hasCompletedOnboarding").asBoolean()).isTrue();
        assertThat(config.path("customApiKeyResponses").path("approved").get(0).asText())
                .isEqualTo(ClaudeHome.API_KEY.substring(ClaudeHome.API_KEY.length() - 20));
        assertThat(home.settingsJson()).exists();
    }

    @Test
    void trusting_a_project_keeps_what_install_wrote() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(dir.resolve(".claude.json"), "{\"mcpServers\":{\"claudemesh\":{\"type\":\"stdio\"}}}");
        ClaudeHome home = ClaudeHome.create(dir);
        home.updateSettings(s -> s.putObject("statusLine").put("command", "theirs"));
        home.trustProject(tmp.resolve("work")).addHook("Stop", "true").addHook("Stop", "false");

        ObjectNode config = home.readClaudeJson();
        assertThat(config.path("mcpServers").path("claudemesh").path("type").asText())
                .isEqualTo("stdio");
        assertThat(config.path("projects")
                        .path(tmp.resolve("work").toString())
                        .path("hasTrustDialogAccepted")
                        .asBoolean())
                .isTrue();
        ObjectNode settings = home.readSettings();
        assertThat(settings.path("statusLine").path("command").asText()).isEqualTo("theirs");
        assertThat(settings.path("hooks").path("Stop")).hasSize(2);
    }

    @Test
    void the_environment_is_built_from_scratch() {
        ClaudeHome home = ClaudeHome.create(tmp.resolve("home"));
        Map<String, String> env = home.environment(URI.create("http://127.0.0.1:1234"));
        assertThat(env)
                .containsEntry("HOME", home.home().toString())
                .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:1234")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsKey("PATH")
                .doesNotContainKeys("CLAUDECODE", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_SESSION_ID");
    }

    @Test
    void transcript_paths_follow_claudes_project_naming() {
        ClaudeHome home = ClaudeHome.create(tmp.resolve("home"));
        assertThat(home.transcriptPath(Path.of("/home/dev/my.work"), "abc"))
                .isEqualTo(home.configDir().resolve("projects/-home-dev-my-work/abc.jsonl"));
    }
}
