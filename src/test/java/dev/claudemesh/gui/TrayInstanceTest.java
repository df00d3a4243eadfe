package dev.claudemesh.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.claudemesh.config.MeshHome;
import dev.claudemesh.notify.desktop.TrayLink;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrayInstanceTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void only_one_app_holds_the_home_and_a_later_one_reaches_it_over_the_link() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("h"));
        List<TrayLink.Request> got = new CopyOnWriteArrayList<>();
        try (TrayInstance first = TrayInstance.acquire(home).orElseThrow()) {
            first.listen(got::add);
            assertThat(TrayInstance.acquire(home)).isEmpty();
            assertThat(TrayInstance.holderPid(home))
                    .contains(ProcessHandle.current().pid());
            Optional<String> answer = TrayLink.tell(home, new TrayLink.Request(TrayLink.SESSION, "abcd1234"));
            assertThat(answer).contains("ok pid=" + ProcessHandle.current().pid());
            TrayLink.tell(home, new TrayLink.Request(TrayLink.SHOW, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == 2);
            // each connection is served on its own: the two requests may arrive in either order
            assertThat(got).extracting(TrayLink.Request::line).containsExactlyInAnyOrder("session abcd1234", "show");
            assertThat(Files.getPosixFilePermissions(TrayLink.socket(home)))
                    .hasSameElementsAs(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(TrayLink.socket(home)).doesNotExist();
        assertThat(TrayLink.tell(home, new TrayLink.Request(TrayLink.SHOW, null)))
                .isEmpty();
        try (TrayInstance again = TrayInstance.acquire(home).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void a_socket_left_by_a_crashed_app_is_replaced_and_garbage_is_refused() throws Exception {
        MeshHome home = new MeshHome(dir.resolve("h"));
        home.ensure();
        Files.writeString(TrayLink.socket(home), "stale");
        List<TrayLink.Request> got = new CopyOnWriteArrayList<>();
        try (TrayInstance app = TrayInstance.acquire(home).orElseThrow()) {
            app.listen(got::add);
            try (SocketChannel idle = SocketChannel.open(java.net.UnixDomainSocketAddress.of(TrayLink.socket(home)))) {
                // a client that never writes does not block the others
                assertThat(TrayLink.Request.parse("session ../../etc")).isEmpty();
                assertThat(TrayLink.Request.parse("rm -rf /")).isEmpty();
                assertThat(TrayLink.tell(home, new TrayLink.Request(TrayLink.SHOW, null)))
                        .isPresent();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == 1);
        }
    }
}
