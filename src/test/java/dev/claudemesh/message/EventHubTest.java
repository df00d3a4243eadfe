package dev.claudemesh.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventHubTest {
    private final EventHub hub = new EventHub(1_000);

    @Test
    void a_waiter_is_woken_by_the_next_event_and_sees_it() {
        CompletableFuture<Void> f = hub.awaitAfter("s1", hub.seq("s1"));
        assertThat(f).isNotDone();
        Event e = hub.publish("s1", "message", "m_1", "task", 5);
        assertThat(f).isDone();
        assertThat(hub.since("s1", e.seq() - 1).events()).containsExactly(e);
        assertThat(hub.waiting("s1")).isZero();
    }

    @Test
    void a_woken_waiter_that_takes_its_time_holds_up_no_publisher_of_another_session() throws Exception {
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        hub.awaitAfter("slow", hub.seq("slow")).thenRun(() -> {
            inCallback.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread publisher = new Thread(() -> hub.publish("slow", "message", "m_1", "task", 5));
        publisher.start();
        try {
            assertThat(inCallback.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Event> other =
                    CompletableFuture.supplyAsync(() -> hub.publish("other", "message", "m_2", "note", 6));
            assertThat(other.get(30, TimeUnit.SECONDS).messageId()).isEqualTo("m_2");
            assertThat(hub.since("other", 0).events()).hasSize(1);
        } finally {
            release.countDown();
            publisher.join(30_000);
        }
    }
}
