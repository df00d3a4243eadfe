package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MeshFeedTest {
    private static final long BOOT = 1_700_000_000_000L;

    @Test
    void events_after_the_cursor_come_back_in_order_and_not_truncated() {
        MeshFeed f = new MeshFeed(BOOT, 8);
        long start = f.seq();
        f.session("registered", "aaaaaaaa", null, 1);
        f.message("sent", "aaaaaaaa", "m_0123456789ab", "task", "tray", null, 2);
        MeshFeed.Batch b = f.since(start);
        assertThat(b.truncated()).isFalse();
        assertThat(b.events()).extracting(MeshEvent::type).containsExactly("session.registered", "message.sent");
        assertThat(b.seq()).isEqualTo(start + 2);
        assertThat(f.since(b.seq()).events()).isEmpty();
        assertThat(f.since(b.seq()).truncated()).isFalse();
    }

    @Test
    void a_client_that_fell_behind_the_ring_is_told_to_reload() {
        MeshFeed f = new MeshFeed(BOOT, 3);
        long start = f.seq();
        for (int i = 0; i < 5; i++) {
            f.session("idle", "aaaaaaaa", null, i);
        }
        assertThat(f.since(start).truncated()).isTrue();
        assertThat(f.since(start).events()).hasSize(3);
        assertThat(f.since(start + 2).truncated()).isFalse(); // the next one it needs is still kept
    }

    @Test
    void a_cursor_from_an_earlier_run_or_from_the_future_is_truncated() {
        MeshFeed f = new MeshFeed(BOOT, 8);
        assertThat(f.since(BOOT * 1000 - 5).truncated()).isTrue();
        assertThat(f.since(f.seq() + 1).truncated()).isTrue();
        assertThat(f.since(f.seq()).truncated()).isFalse();
    }

    @Test
    void a_waiter_parks_until_something_is_published_and_can_be_forgotten() {
        MeshFeed f = new MeshFeed(BOOT, 8);
        CompletableFuture<Void> w = f.awaitAfter(f.seq());
        assertThat(w).isNotDone();
        assertThat(f.waiting()).isEqualTo(1);
        f.session("busy", "aaaaaaaa", null, 1);
        assertThat(w).isDone();
        CompletableFuture<Void> later = f.awaitAfter(f.seq());
        f.forget(later);
        assertThat(f.waiting()).isZero();
        assertThat(f.awaitAfter(f.seq() - 1)).isDone();
    }
}
