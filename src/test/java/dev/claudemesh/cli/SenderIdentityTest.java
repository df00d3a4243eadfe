package dev.claudemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.support.Sleepers;
import dev.claudemesh.support.TestDaemon;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who a message is from is not something a caller can pick by setting a variable or a field. */
class SenderIdentityTest {
    @TempDir
    Path home;

    TestDaemon d;
    final Sleepers sleepers = new Sleepers();
    long victimPid;
    String victim;

    @BeforeEach
    void start() throws Exception {
        d = TestDaemon.start(home, new MeshLimits(64 * 1024, 8, 2, 30_000, 5));
        victimPid = sleepers.start();
        victim = d.register("victim-sess", victimPid, "/tmp/work/victim")
                .path("id")
                .asText();
        d.register("target-sess", sleepers.start(), "/tmp/work/target");
    }

    @AfterEach
    void stop() throws Exception {
        d.close();
        sleepers.close();
    }

    int send(Map<String, String> extraEnv, String... args) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("CLAUDEMESH_HOME", home.toString());
        env.put("HOME", home.toString());
        return CliMain.run(
                args,
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    JsonNode lastTo(String folder) throws Exception {
        String id = d.client.get("/v1/sessions").path("sessions").findValues("id").stream()
                .map(JsonNode::asText)
                .filter(i -> !i.equals(victim))
                .findFirst()
                .orElseThrow();
        JsonNode msgs = d.client.get("/v1/sessions/" + id + "/messages").path("messages");
        return msgs.get(msgs.size() - 1);
    }

    @Test
    void send_ignores_a_claude_pid_in_the_environment_that_is_not_an_ancestor() throws Exception {
        int code = send(Map.of("CLAUDE_PID", Long.toString(victimPid)), "send", "target", "pretend");

        assertThat(code).isZero();
        assertThat(lastTo("target").path("from").asText()).isEqualTo("cli");
    }

    @Test
    void the_per_pair_rate_limit_holds_for_messages_from_a_person_too() throws Exception {
        assertThat(send(Map.of(), "send", "target", "one")).isZero();
        assertThat(send(Map.of(), "send", "target", "two")).isZero();
        assertThat(send(Map.of(), "send", "target", "three")).isNotZero();
    }
}
