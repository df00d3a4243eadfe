package dev.claudemesh.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.client.Transport;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon-hosted MCP server's per-client state: bounded, dropped when a client's process is gone or it ended. */
class SharedMcpServerTest {
    static final String LIST = "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":1}";

    @TempDir
    static Path tmp;

    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(tmp.resolve("mesh"));
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    static SharedMcpServer.Client client(long pid) {
        return new SharedMcpServer.Client(pid, 0, null, null, false);
    }

    static SharedMcpServer server(Set<Long> alive, int max) throws Exception {
        Transport daemon = Transport.direct(d.client.state(), d.token);
        return new SharedMcpServer(pid -> daemon, alive::contains, max);
    }

    static void introduce(SharedMcpServer s, long pid) {
        assertThat(s.handle(client(pid), ThinMcpRouteTest.INIT, false).line()).contains("\"serverInfo\"");
        assertThat(s.handle(client(pid), ThinMcpRouteTest.INITIALIZED, true).line())
                .isNull();
    }

    @Test
    void it_keeps_at_most_its_limit_of_clients_and_forgets_the_least_recently_used() throws Exception {
        SharedMcpServer s = server(Set.of(1L, 2L, 3L), 2);
        introduce(s, 1);
        introduce(s, 2);
        assertThat(s.handle(client(1), LIST, true).line()).contains("\"tools\""); // 1 is now the most recent
        introduce(s, 3);
        assertThat(s.clients()).isEqualTo(2);
        assertThat(s.handle(client(2), LIST, true).unknownClient()).isTrue();
        assertThat(s.handle(client(1), LIST, true).line()).contains("\"tools\"");
    }

    @Test
    void a_client_whose_process_is_gone_is_dropped_at_the_next_initialize() throws Exception {
        Set<Long> alive = new HashSet<>(Set.of(10L, 11L));
        SharedMcpServer s = server(alive, 8);
        introduce(s, 10);
        alive.remove(10L);
        introduce(s, 11);
        assertThat(s.clients()).isEqualTo(1);
        assertThat(s.handle(client(10), LIST, true).unknownClient()).isTrue();
        assertThat(s.end(11)).isTrue();
        assertThat(s.clients()).isZero();
    }

    @Test
    void the_same_process_with_another_identity_is_not_taken_for_the_old_client() throws Exception {
        SharedMcpServer s = server(Set.of(20L), 8);
        introduce(s, 20);
        SharedMcpServer.Client other = new SharedMcpServer.Client(20, 0, null, "abcd1234", false);
        assertThat(s.handle(other, LIST, true).unknownClient()).isTrue();
    }

    @Test
    void sessions_with_claudes_own_messaging_get_the_descriptions_that_mention_it() throws Exception {
        SharedMcpServer s = server(Set.of(30L, 31L), 8);
        SharedMcpServer.Client builtin = new SharedMcpServer.Client(30, 0, null, null, true);
        String withBuiltin = s.handle(builtin, ThinMcpRouteTest.INIT, false).line();
        String without = s.handle(client(31), ThinMcpRouteTest.INIT, false).line();
        assertThat(withBuiltin).isNotEqualTo(without);
        assertThat(InProcessMcp.JSON
                        .readTree(withBuiltin)
                        .path("result")
                        .path("instructions")
                        .asText())
                .isEqualTo(McpMain.INSTRUCTIONS + " " + dev.claudemesh.mesh.BuiltinGuidance.BOTH);
    }
}
