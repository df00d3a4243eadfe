package dev.claudemesh.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudemesh.session.InvalidInputException;
import dev.claudemesh.session.MeshException;
import dev.claudemesh.session.Reason;
import org.junit.jupiter.api.Test;

/** What a request claims against who the daemon learned the caller is. */
class SenderRuleTest {
    static final String A = "aaaa1111";
    static final String B = "bbbb2222";
    final Caller inA = Caller.session(42, "curl", A, "alpha");
    final Caller tray = Caller.tray(7, "java");
    final Caller person = Caller.person(99, "bash");

    static void refused(String claimed, Caller caller, String... words) {
        assertThatThrownBy(() -> SenderRule.sender(claimed, caller))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SENDER_MISMATCH))
                .hasMessageContaining("(from: '" + claimed + "')")
                .hasMessageContainingAll(words);
    }

    @Test
    void a_process_inside_a_session_sends_as_that_session_whatever_it_leaves_out() {
        assertThat(SenderRule.sender(null, inA)).isEqualTo(A);
        assertThat(SenderRule.sender("cli", inA)).isEqualTo(A);
        assertThat(SenderRule.sender(A, inA)).isEqualTo(A);
    }

    @Test
    void a_process_inside_a_session_cannot_claim_another_session_or_the_tray() {
        refused(B, inA, "session " + B, "process 42 (curl)", "claude session " + A + " (alpha)");
        refused("tray", inA, "the tray app", "claude session " + A);
    }

    @Test
    void the_tray_app_sends_as_tray_or_a_person_never_as_a_session() {
        assertThat(SenderRule.sender("tray", tray)).isEqualTo("tray");
        assertThat(SenderRule.sender(null, tray)).isEqualTo("cli");
        assertThat(SenderRule.sender("cli", tray)).isEqualTo("cli");
        refused(A, tray, "session " + A, "the tray app");
    }

    @Test
    void a_person_at_a_terminal_is_cli_and_nothing_else() {
        assertThat(SenderRule.sender(null, person)).isEqualTo("cli");
        assertThat(SenderRule.sender("cli", person)).isEqualTo("cli");
        refused(A, person, "no claude session among its ancestors");
        refused("tray", person, "is not the tray app");
        assertThat(SenderRule.sender(null, Caller.UNKNOWN)).isEqualTo("cli");
        refused(A, Caller.UNKNOWN, "could not identify");
    }

    @Test
    void where_callers_cannot_be_learned_the_claim_is_taken_as_before() {
        assertThat(SenderRule.sender(B, Caller.UNDERIVABLE)).isEqualTo(B);
        assertThat(SenderRule.sender(null, Caller.UNDERIVABLE)).isEqualTo("cli");
    }

    @Test
    void a_claim_that_is_no_sender_at_all_is_bad_input_for_every_caller() {
        for (Caller c : new Caller[] {inA, tray, person, Caller.UNKNOWN, Caller.UNDERIVABLE}) {
            assertThatThrownBy(() -> SenderRule.sender("../etc\u001b", c))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sender must be");
        }
    }
}
