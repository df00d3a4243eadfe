package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshConfig;
import dev.claudemesh.config.MeshHome;
import dev.claudemesh.config.Token;
import dev.claudemesh.mesh.MeshLimits;
import dev.claudemesh.support.RawHttp;
import dev.claudemesh.transcript.TranscriptLocator;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@link Error} thrown while serving a request still leaves as a JSON 500, and the daemon keeps serving. */
class ErrorEscapeTest {
    @TempDir
    Path tmp;

    @Test
    void an_error_inside_a_handler_is_a_json_500_and_the_next_request_is_served() throws Exception {
        MeshHome home = new MeshHome(tmp.resolve("mesh"));
        try (Daemon d = Daemon.start(
                        home,
                        new MeshConfig(0, MeshLimits.DEFAULT, "paste"),
                        pid -> {
                            if (pid == 4242) {
                                throw new OutOfMemoryError("simulated: Java heap space");
                            }
                            return OptionalLong.of(1);
                        },
                        new TranscriptLocator(tmp.resolve("claude")))
                .orElseThrow()) {
            int port = DaemonState.read(home.stateFile()).orElseThrow().port();
            Map<String, String> auth = Map.of(
                    "Authorization", "Bearer " + Token.read(home.tokenFile()), "Content-Type", "application/json");

            RawHttp.Response r = RawHttp.send(
                    port, "POST", "/v1/sessions", auth, "{\"session_id\":\"s-err\",\"pid\":4242,\"cwd\":\"/tmp/x\"}");

            assertThat(r.status()).isEqualTo(500);
            assertThat(r.body()).startsWith("{\"error\":").contains("daemon").doesNotContain("OutOfMemoryError");
            assertThat(RawHttp.send(port, "GET", "/v1/health", auth, null).status())
                    .isEqualTo(200);
        }
    }
}
