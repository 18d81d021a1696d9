package dev.kumo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Runs the conformance suite on a stateful policy, so the suite is known to pass more than a constant. */
class LastGapKeepAliveTest extends KeepAlivePolicyConformance {

    @Override
    protected KeepAlivePolicy newPolicy() {
        return new LastGapKeepAlive();
    }

    @Test
    void adaptsToTheLastGap() {
        var policy = new LastGapKeepAlive();
        var t = Instant.parse("2025-03-03T08:00:00Z");
        policy.recordInvocation("app", t, t.plusSeconds(1));
        policy.recordInvocation("app", t.plusSeconds(601), t.plusSeconds(602));
        assertThat(policy.window("app", t.plusSeconds(602))).isEqualTo(KeepAliveWindow.keepFor(Duration.ofMinutes(20)));
    }
}
