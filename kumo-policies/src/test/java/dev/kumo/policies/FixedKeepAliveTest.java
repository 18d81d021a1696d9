package dev.kumo.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import dev.kumo.testkit.KeepAlivePolicyConformance;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixedKeepAliveTest extends KeepAlivePolicyConformance {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    @Override
    protected KeepAlivePolicy newPolicy() {
        return FixedKeepAlive.of(Duration.ofMinutes(7));
    }

    @Test
    void defaultKeepsTenMinutesWithoutPrewarm() {
        assertThat(FixedKeepAlive.ofDefault().window("checkout-v3", T0))
                .isEqualTo(new KeepAliveWindow(Duration.ZERO, Duration.ofMinutes(10)));
    }

    @Test
    void windowIgnoresHistory() {
        var policy = FixedKeepAlive.of(Duration.ofSeconds(90));
        policy.recordInvocation("checkout-v3", T0, T0.plusMillis(120));
        policy.recordInvocation("checkout-v3", T0.plusSeconds(5), T0.plusSeconds(6));
        assertThat(policy.window("checkout-v3", T0.plus(Duration.ofHours(3))))
                .isEqualTo(KeepAliveWindow.keepFor(Duration.ofSeconds(90)));
    }

    @Test
    void zeroKeepAliveUnloadsAtOnce() {
        assertThat(FixedKeepAlive.of(Duration.ZERO).window("checkout-v3", T0).keepAlive()).isZero();
    }

    @Test
    void rejectsNegativeKeepAlive() {
        assertThatThrownBy(() -> FixedKeepAlive.of(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalByKeepAliveAndPrintsItsSpec() {
        assertThat(FixedKeepAlive.of(Duration.ofMinutes(10))).isEqualTo(FixedKeepAlive.ofDefault())
                .hasSameHashCodeAs(FixedKeepAlive.ofDefault())
                .isNotEqualTo(FixedKeepAlive.of(Duration.ofMinutes(11)));
        assertThat(FixedKeepAlive.ofDefault()).hasToString("fixed:10m");
        assertThat(FixedKeepAlive.of(Duration.ofMillis(1500))).hasToString("fixed:1500ms");
    }
}
