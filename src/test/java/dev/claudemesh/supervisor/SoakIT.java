package dev.claudemesh.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak, shortened for CI: four supervised stand-in claudes pass tasks around for 75 s while the daemon is shut
 * down and killed (-9) at random and only the clients bring it back. Counts, never times: every message acked exactly
 * once, none left open, no thread, descriptor or temp file left behind. {@code packaging/bench soak} is the long run.
 */
class SoakIT {
    @TempDir
    Path dir;

    @Test
    void tasks_passed_around_through_daemon_restarts_and_kill_9_are_each_acked_exactly_once_and_nothing_leaks()
            throws Exception {
        SoakRun.Report r = SoakRun.run(
                dir, new SoakRun.Options(4, Duration.ofSeconds(75), Duration.ofSeconds(15), 11), System.out);
        System.out.println("soak: " + r.sent().size() + " messages, " + r.kills() + " kill -9, " + r.restarts()
                + " restarts, recovery ms " + r.recoveryMillis() + ", " + r.duplicateDeliveries()
                + " delivered more than once, quiet " + r.quietStart() + " -> " + r.quietEnd());
        assertThat(r.problems()).isEmpty();
        assertThat(r.kills() + r.restarts()).isPositive();
        assertThat(r.sent()).hasSizeGreaterThan(20);
        assertThat(r.notAckedOnce()).isEmpty();
        assertThat(r.acked()).containsExactlyInAnyOrderElementsOf(r.sent());
        assertThat(r.stillOpen()).isZero();
        assertThat(r.quietEnd().pid()).isEqualTo(r.quietStart().pid());
        assertThat(r.quietEnd().threads()).isLessThanOrEqualTo(r.quietStart().threads() + 4);
        assertThat(r.quietEnd().fds()).isLessThanOrEqualTo(r.quietStart().fds() + 8);
        assertThat(r.leftInTemp()).isEmpty();
    }
}
