package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedStateTest {
    @Test
    void a_prompt_is_taken_when_the_count_grows_or_the_session_turns_busy() {
        FeedState idle = new FeedState(1, true, 1, 4);
        assertThat(new FeedState(3, true, 1, 5).promptTakenSince(idle)).isTrue();
        assertThat(new FeedState(2, false, 1, 4).promptTakenSince(idle)).isTrue();
        assertThat(new FeedState(2, true, 2, 4).promptTakenSince(idle)).isFalse();
    }

    @Test
    void counts_cannot_be_negative() {
        assertThatThrownBy(() -> new FeedState(1, true, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedState(1, true, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
