package dev.claudemesh.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    static Session s(String id, String cwd) {
        return new Session(id, "sid-" + id, 10, 1, cwd, null, 0, 0, false);
    }

    final List<Session> live =
            List.of(s("aaaa1111", "/home/dev/api"), s("bbbb2222", "/home/dev/web"), s("cccc3333", "/srv/other/web"));

    @Test
    void exact_id_wins() {
        assertThat(TargetResolver.resolve("bbbb2222", live).cwd()).isEqualTo("/home/dev/web");
    }

    @Test
    void folder_name_matches_case_insensitively() {
        assertThat(TargetResolver.resolve("API", live).id()).isEqualTo("aaaa1111");
    }

    @Test
    void send_to_ambiguous_folder_lists_both_candidates() {
        assertThatThrownBy(() -> TargetResolver.resolve("web", live))
                .isInstanceOfSatisfying(TargetResolver.TargetException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AMBIGUOUS_TARGET);
                    assertThat(e.candidates()).extracting(Session::id).containsExactly("bbbb2222", "cccc3333");
                })
                .hasMessageContaining("bbbb2222 (/home/dev/web)")
                .hasMessageContaining("cccc3333 (/srv/other/web)");
    }

    @Test
    void unknown_target_lists_live_sessions() {
        assertThatThrownBy(() -> TargetResolver.resolve("nope", live))
                .isInstanceOfSatisfying(
                        TargetResolver.TargetException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("aaaa1111 (/home/dev/api)")
                .hasMessageContaining("cccc3333");
    }

    @Test
    void unknown_target_with_nobody_live_says_so() {
        assertThatThrownBy(() -> TargetResolver.resolve("api", List.of())).hasMessageContaining("no sessions are live");
    }

    @Test
    void paths_and_blank_targets_are_rejected() {
        assertThatThrownBy(() -> TargetResolver.resolve("../etc", live)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TargetResolver.resolve(" ", live)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void folder_of_root_and_trailing_slash() {
        assertThat(s("dddd4444", "/home/dev/api/").folder()).isEqualTo("api");
        assertThat(s("dddd4444", "/").folder()).isEqualTo("/");
    }
}
